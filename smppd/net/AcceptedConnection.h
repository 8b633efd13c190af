#pragma once

#include <Poco/Net/StreamSocket.h>

#include <functional>
#include <memory>

namespace smppd {

class TlsTransport;

/// A connection that a LoopAcceptor made from an accepted socket and owns until it ends: an SMPP
/// session (LoopConnection) or a Hermes plugin connection (BridgeConnection). Every call runs on
/// the acceptor's loop.
class AcceptedConnection {
public:
    virtual ~AcceptedConnection() = default;

    /// Once, right after it was made: admits or refuses the peer and starts watching the socket.
    virtual void start() = 0;
    /// Ends after what it owes its peer (the acceptor's owner is stopping); bounded in time.
    virtual void stop() = 0;
    /// Ends now (the loop is going away).
    virtual void close() = 0;
};

/// Called by a connection, on the loop, when it has ended: its owner forgets it.
using ConnectionClosed = std::function<void(AcceptedConnection&)>;

/// Makes the connection for an accepted socket. `tls`: its TLS session, or null for plain TCP.
using ConnectionFactory = std::function<std::shared_ptr<AcceptedConnection>(
    Poco::Net::StreamSocket socket, std::unique_ptr<TlsTransport> tls, ConnectionClosed closed)>;

} // namespace smppd
