#include "smppd/admin/MeteredForwarder.h"

#include <utility>

namespace smppd {

MeteredForwarder::MeteredForwarder(Forwarder& inner, Metrics& metrics, Now now)
    : inner_(inner),
      metrics_(metrics),
      now_(std::move(now))
{
}

void MeteredForwarder::forward(const Message& message, Completion done)
{
    const auto started = now_();
    inner_.forward(message, [this, started, done = std::move(done)](const ForwardOutcome& outcome) {
        const bool answered =
            outcome.kind == ForwardOutcome::Kind::Delivered || outcome.error_code != 0;
        // A 2xx may carry error_code 0; it was still an HTTP answer.
        const int http_status = answered && outcome.error_code == 0 ? 200 : outcome.error_code;
        metrics_.pushCompleted(toPushOutcome(outcome), http_status, now_() - started);
        done(outcome);
    });
}

PushOutcome toPushOutcome(const ForwardOutcome& outcome) noexcept
{
    switch (outcome.kind) {
    case ForwardOutcome::Kind::Delivered:
        return PushOutcome::Delivered;
    case ForwardOutcome::Kind::Failed:
        return PushOutcome::Rejected;
    case ForwardOutcome::Kind::Retry:
        return PushOutcome::Retry;
    }
    return PushOutcome::Retry;
}

} // namespace smppd
