#pragma once

#include "config/Settings.h"

#include <Poco/Net/Context.h>

namespace smppd {

/// The server TLS context of a `Server.ListenParams` / `TcpServer.ListenParams` (tls=1): the
/// certificate and key, and client certificates required only when a CA file is given.
/// Throws Poco::Net::SSLException (or a Poco file error) when they cannot be used.
Poco::Net::Context::Ptr makeServerTlsContext(const ListenParams& params);

} // namespace smppd
