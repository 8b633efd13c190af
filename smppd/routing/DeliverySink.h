#pragma once

#include "smppd/routing/OutboundItem.h"

#include <cstdint>
#include <string>

namespace smppd {

/// What the Router needs to know about a bound receiver (RX or TRX session).
struct ReceiverInfo {
    std::string system_id; ///< the account it is bound as
    std::uint8_t interface_version = 0x34; ///< from the bind: < 0x34 gets no TLVs at all
    std::string address_range; ///< the bind's address_range (a regex); "" = none
};

/// Implemented by an RX/TRX session: the Router's way to send it a deliver_sm.
/// The session owns the outbound window (at most N deliver_sm in flight). For every item it
/// accepts it must later call exactly one of Router::onDeliveryResponse() (deliver_sm_resp
/// received) or Router::onDeliveryTimeout() (response_timer expired), unless it is detached
/// first: Router::detach() requeues whatever it still has in flight.
class DeliverySink {
public:
    virtual ~DeliverySink() = default;

    /// Sends `item` as a deliver_sm with a new sequence number if the window has room and the
    /// session can still send; returns false (item not taken, the Router keeps it queued)
    /// otherwise. Must not block and must not call back into the Router synchronously (the
    /// Router calls it without holding its lock, from any thread: a store completion, the
    /// scheduler or another session's thread).
    virtual bool offer(const OutboundItem& item) = 0;

    /// A hint that offer() would take an item now (bound, window not full). The Router asks it
    /// before building a deliver_sm, so a full window costs no PDU build; offer() still decides.
    /// Same threading rules as offer().
    virtual bool hasRoom() const { return true; }
};

} // namespace smppd
