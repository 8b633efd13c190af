#pragma once

#include "smppd/bridge/BridgeRequest.h"

#include <functional>
#include <string>

namespace smppd {

/// What the bridge needs from the server: commit a `send` and queue it for delivery.
class BridgeBackend {
public:
    /// Outcome of submit(): the wire message id once committed, or the refusal to send back.
    struct Result {
        bool ok = false;
        std::string id; ///< wire message id when ok
        BridgeError error; ///< when !ok
    };
    using Done = std::function<void(const Result&)>;

    virtual ~BridgeBackend() = default;

    /// Stores `send` durably and queues it for delivery; `done` runs exactly once, after the
    /// commit (or the refusal), on any thread, possibly before submit() returns.
    virtual void submit(const BridgeSend& send, Done done) = 0;
};

} // namespace smppd
