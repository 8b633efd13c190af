#pragma once

#include "smppd/store/Message.h"

#include <functional>

namespace smppd {

/// Result of one forward() attempt.
struct ForwardOutcome {
    enum class Kind {
        Delivered, ///< accepted by the back end (Hermes 2xx): DELIVERED
        Failed, ///< refused for good (Hermes 4xx but 408/429): `state`, e.g. Rejected
        Retry, ///< transient (408/429/5xx/timeout/connection): the Router retries with backoff
    };
    Kind kind = Kind::Delivered;
    smpp::MessageState state = smpp::MessageState::Delivered; ///< final state for Failed
    int error_code = 0; ///< e.g. the HTTP status; goes into the receipt err: field
};

/// A back end that takes messages off the server (VOCALCOM: the HermesPusher). The Router calls
/// forward() for each committed message whose target is Hermes, and again after a Retry when
/// its backoff is over. Implementations must not block the caller and must call `done` exactly
/// once, from any thread.
class Forwarder {
public:
    using Completion = std::function<void(const ForwardOutcome&)>;

    virtual ~Forwarder() = default;

    /// Starts delivering `message` (a committed copy) and reports the outcome to `done`.
    virtual void forward(const Message& message, Completion done) = 0;
};

} // namespace smppd
