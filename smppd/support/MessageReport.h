#pragma once

#include "smppd/store/Message.h"

#include <string>

namespace smppd::support {

/// The back end of `target`: "unrouted", "hermes", "handset" or "account <system_id>".
std::string targetName(const RouteTarget& target);

/// The receipt state in words: "none", "pending", "sent" or "failed".
std::string receiptName(ReceiptState receipt);

/// The store's record of `message` for `--trace`, one "  field  value" line per field, times in
/// UTC ISO-8601, "-" for an absent value. The text itself is not shown (it may be personal).
std::string describeMessage(const Message& message);

} // namespace smppd::support
