#pragma once

#include "smppd/hermes/HermesPush.h"

#include <string>

namespace smppd {

/// One HTTP attempt as the client saw it.
struct HttpAttempt {
    int status = 0; ///< HTTP status; 0 = no answer (timeout, refused, reset, TLS failure)
    std::string error; ///< why there was no answer (for the log); "" when status != 0
};

/// Posts one push to Hermes and waits for the answer (architecture §4.3). One instance is one
/// kept-alive connection: not thread-safe; the HermesPusher gives each worker its own.
class HermesClient {
public:
    virtual ~HermesClient() = default;

    /// POSTs `push` (blocking, bounded by the configured timeout). Never throws for network or
    /// HTTP failures: they are reported in the result.
    virtual HttpAttempt post(const HermesPush& push) = 0;
};

} // namespace smppd
