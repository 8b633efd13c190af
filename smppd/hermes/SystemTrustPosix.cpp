#include "smppd/hermes/SystemTrust.h"

#include <openssl/ssl.h>

namespace smppd {

SystemTrust addSystemTrust(ssl_ctx_st* context) noexcept
{
    // Adds lookups (a file and a hashed folder) that OpenSSL reads when it verifies; nothing
    // to count here.
    SSL_CTX_set_default_verify_paths(context);
    return {"openssl_default_paths", false, 0, 0};
}

} // namespace smppd
