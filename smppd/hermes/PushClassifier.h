#pragma once

#include "smppd/hermes/HermesClient.h"
#include "smppd/routing/Forwarder.h"

namespace smppd {

/// Maps one HTTP attempt to the Router's outcome (architecture §4.3):
/// 2xx -> Delivered; 408, 429, 5xx and no answer -> Retry; any other status (4xx, 3xx, 1xx)
/// -> Failed with state Rejected. error_code is the HTTP status (0 for no answer).
ForwardOutcome classifyAttempt(const HttpAttempt& attempt) noexcept;

} // namespace smppd
