#include "smppd/hermes/PushClassifier.h"

namespace smppd {

ForwardOutcome classifyAttempt(const HttpAttempt& attempt) noexcept
{
    const int status = attempt.status;
    ForwardOutcome outcome;
    outcome.error_code = status;
    if (status >= 200 && status < 300) {
        outcome.kind = ForwardOutcome::Kind::Delivered;
        outcome.state = smpp::MessageState::Delivered;
        return outcome;
    }
    if (status == 0 || status == 408 || status == 429 || status >= 500) {
        outcome.kind = ForwardOutcome::Kind::Retry;
        outcome.state = smpp::MessageState::Enroute;
        return outcome;
    }
    outcome.kind = ForwardOutcome::Kind::Failed;
    outcome.state = smpp::MessageState::Rejected;
    return outcome;
}

} // namespace smppd
