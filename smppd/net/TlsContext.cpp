#include "smppd/net/TlsContext.h"

#include <Poco/Net/Context.h>

namespace smppd {

Poco::Net::Context::Ptr makeServerTlsContext(const ListenParams& params)
{
    // Client certificates are checked only when a CA file is configured.
    const auto mode =
        params.ca.empty() ? Poco::Net::Context::VERIFY_NONE : Poco::Net::Context::VERIFY_STRICT;
    return new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE,
        params.key,
        params.cert,
        params.ca,
        mode,
        9,
        false,
        "ALL:!ADH:!LOW:!EXP:!MD5:!aNULL:@STRENGTH");
}

} // namespace smppd
