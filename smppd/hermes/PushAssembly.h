#pragma once

#include "config/Settings.h"
#include "smppd/hermes/HermesPush.h"
#include "smppd/store/Message.h"

#include <vector>

namespace smppd {

/// Builds the push for the stored parts of one message (in seq order; one part for a short
/// message): the bodies (UDH stripped when esm_class has UDHI 0x40) are joined and decoded from
/// the first part's data_coding to UTF-8 (invalid sequences replaced). id / Idempotency-Key is
/// the first part's message id, campaign the `campaign` field or else destination_addr,
/// receivedAt the first part's submit_time, parts the number of parts joined.
/// `parts` must not be empty.
HermesPush assemblePush(const std::vector<Message>& parts, MessageIdFormat id_format);

} // namespace smppd
