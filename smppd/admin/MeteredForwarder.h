#pragma once

#include "smppd/admin/Metrics.h"
#include "smppd/routing/Forwarder.h"

#include <chrono>
#include <functional>

namespace smppd {

/// A Forwarder decorator that feeds /metrics and /health: it times each forward() until its
/// completion (queueing in the pusher included) and records the outcome with
/// Metrics::pushCompleted() (HTTP status = ForwardOutcome::error_code, 0 = no answer), then
/// passes the outcome on unchanged. Install it between the Router and the HermesPusher:
///     MeteredForwarder metered(pusher, metrics);
///     router.setForwarder(&metered);
class MeteredForwarder : public Forwarder {
public:
    using Now = std::function<std::chrono::steady_clock::time_point()>;

    /// `inner` and `metrics` must outlive this object and every pending completion.
    MeteredForwarder(Forwarder& inner, Metrics& metrics, Now now = &std::chrono::steady_clock::now);

    void forward(const Message& message, Completion done) override;

private:
    Forwarder& inner_;
    Metrics& metrics_;
    Now now_;
};

/// The Metrics outcome of a forward() outcome.
PushOutcome toPushOutcome(const ForwardOutcome& outcome) noexcept;

} // namespace smppd
