#pragma once

#include "smppd/bridge/AddressFilter.h"
#include "smppd/bridge/BridgeAuth.h"
#include "smppd/bridge/BridgeBackend.h"
#include "smppd/bridge/BridgeDispatcher.h"
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
    BridgeAuth auth; ///< TcpServer.Token (plain or hashed) and the per-address lockout
    bool tls = false; ///< TcpServer.ListenParams tls=1: the sockets are SecureStreamSockets
    std::atomic<bool> stopping{false};
};

/// One plugin connection (architecture §4.4): the socket side of a BridgeDispatcher. Reads
/// bytes into it and writes its replies in request order as the commits complete. A peer
/// outside TcpServer.AllowedClients or locked out gets one error line and is closed, as is one
/// that sends a wrong token or an over-long line.
class BridgeConnection : public Poco::Net::TCPServerConnection {
public:
    BridgeConnection(const Poco::Net::StreamSocket& socket, BridgeContext& context);

    void run() override;

private:
    bool admitted();
    void waitAndRead();
    bool readAvailable();
    void flushReplies();
    void drain();

    BridgeContext& context_;
    std::shared_ptr<ReplyQueue> replies_ = std::make_shared<ReplyQueue>();
    /// Woken by the commit that fills the front reply: the thread waits on the socket and on
    /// this together, so it reads new requests and writes replies as soon as either is ready.
    std::shared_ptr<Waker> waker_ = std::make_shared<Waker>();
    Poco::Net::PollSet poll_set_;
    std::vector<char> read_buffer_;
    std::unique_ptr<BridgeDispatcher> dispatcher_;
    std::string peer_;
    bool closing_ = false;
    Poco::Logger& log_ = Poco::Logger::get("smppd.bridge");
};

} // namespace smppd
