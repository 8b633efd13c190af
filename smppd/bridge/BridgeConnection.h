#pragma once

#include "smppd/bridge/AddressFilter.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/ReplyQueue.h"
#include "smppd/net/Waker.h"

#include <Poco/Logger.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/TCPServerConnection.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace smppd {

/// What every connection of one BridgeListener shares.
struct BridgeContext {
    BridgeBackend& backend;
    AddressFilter filter;
    std::string token; ///< "" = none required
    std::atomic<bool> stopping{false};
};

/// One plugin connection (architecture §4.4): reads request lines, submits them without waiting
/// (pipelining), and writes one reply line per request in request order as the commits complete.
/// Refused lines get an ok:false reply and the connection stays up, except a line over
/// kMaxBridgeLine and a peer outside TcpServer.AllowedClients, which are answered and closed.
class BridgeConnection : public Poco::Net::TCPServerConnection {
public:
    BridgeConnection(const Poco::Net::StreamSocket& socket, BridgeContext& context);

    void run() override;

private:
    bool admitted();
    void waitAndRead();
    bool readAvailable();
    void handleLine(std::string_view line);
    void handleSend(const BridgeSend& send);
    void rejectLongLine();
    void flushReplies();
    void drain();

    BridgeContext& context_;
    std::shared_ptr<ReplyQueue> replies_ = std::make_shared<ReplyQueue>();
    /// Woken by the commit that fills the front reply: the thread waits on the socket and on
    /// this together, so it reads new requests and writes replies as soon as either is ready.
    std::shared_ptr<Waker> waker_ = std::make_shared<Waker>();
    Poco::Net::PollSet poll_set_;
    std::vector<char> read_buffer_;
    std::string input_;
    std::string peer_;
    bool closing_ = false;
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
