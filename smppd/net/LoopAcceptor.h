#pragma once

#include "smppd/net/ConnectionRegistry.h"
#include "smppd/net/EventLoop.h"
#include "smppd/net/LoopConnection.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>

#include <memory>
#include <unordered_map>

namespace smppd {

/// Accepts SMPP connections on an EventLoop and owns them until they end: plain TCP, or TLS when
/// given a server context (each connection then runs its own TlsTransport on it). Runs on the
/// loop's thread only.
class LoopAcceptor final : public EventLoop::Handler {
public:
    /// `socket` is bound and listening (a plain socket: TLS runs in the connections).
    /// `tls`: the server TLS context (makeServerTlsContext), or null for plain TCP.
    LoopAcceptor(EventLoop& loop,
        Poco::Net::ServerSocket socket,
        SessionEnvironment& env,
        ConnectionRegistry& registry,
        Poco::Net::Context::Ptr tls = nullptr);
    ~LoopAcceptor();
    LoopAcceptor(const LoopAcceptor&) = delete;
    LoopAcceptor& operator=(const LoopAcceptor&) = delete;

    /// Starts accepting (on the loop).
    void start();
    /// Closes the listening socket; live connections carry on (on the loop).
    void stopAccepting();
    /// Ends every connection left (on the loop, or after it stopped).
    void closeAll();

    void onReady(bool readable, bool writable, bool error) override;

private:
    void accept(Poco::Net::StreamSocket socket);

    EventLoop& loop_;
    Poco::Net::ServerSocket socket_;
    SessionEnvironment& env_;
    ConnectionRegistry& registry_;
    Poco::Net::Context::Ptr tls_;
    Poco::Logger& log_;
    bool accepting_ = false;
    std::unordered_map<LoopConnection*, std::shared_ptr<LoopConnection>> connections_;
};

} // namespace smppd
