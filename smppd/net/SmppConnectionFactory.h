#pragma once

#include "smppd/net/SmppConnection.h"

#include <Poco/Net/TCPServerConnectionFactory.h>

namespace smppd {

/// Makes one SmppConnection per accepted socket (Poco's TCPServer owns and deletes it).
class SmppConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    SmppConnectionFactory(SessionEnvironment& env, ConnectionRegistry& registry, bool tls)
        : env_(env),
          registry_(registry),
          tls_(tls)
    {
    }

    /// Poco API: the returned raw pointer is owned (and deleted) by the TCPServer dispatcher.
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        return new SmppConnection(socket, env_, registry_, tls_);
    }

private:
    SessionEnvironment& env_;
    ConnectionRegistry& registry_;
    bool tls_;
};

} // namespace smppd
