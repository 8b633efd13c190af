#pragma once

#include "smppd/hermes/HermesPush.h"

#include <string>
#include <vector>

namespace smppd {

/// One HTTP attempt as the client saw it.
struct HttpAttempt {
    int status = 0; ///< HTTP status; 0 = no answer (timeout, refused, reset, TLS failure)
    std::string error; ///< why there was no answer (for the log); "" when status != 0
};

/// Posts pushes to Hermes and waits for the answers (architecture §4.3). One instance is one
/// kept-alive connection: not thread-safe; the HermesPusher gives each worker its own.
class HermesClient {
public:
    virtual ~HermesClient() = default;

    /// POSTs `push` (blocking, bounded by the configured timeout). Never throws for network or
    /// HTTP failures: they are reported in the result.
    virtual HttpAttempt post(const HermesPush& push) = 0;

    /// POSTs every push and returns one attempt per push, in order. The default posts them one
    /// after the other; a client may pipeline them on its connection.
    virtual std::vector<HttpAttempt> postAll(const std::vector<HermesPush>& pushes)
    {
        std::vector<HttpAttempt> out;
        out.reserve(pushes.size());
        for (const auto& push : pushes) {
            out.push_back(post(push));
        }
        return out;
    }
};

} // namespace smppd
