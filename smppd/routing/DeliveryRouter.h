#pragma once

#include "common/smpp/CommandStatus.h"
#include "smppd/routing/DeliverySink.h"

#include <cstdint>
#include <memory>

namespace smppd {

/// The Router as a Session sees it (narrowed so unit tests can fake it): where an RX/TRX session
/// registers as a DeliverySink and reports what became of each deliver_sm it sent. Router
/// implements it; the Session calls it on the loop that owns both.
class DeliveryRouter {
public:
    virtual ~DeliveryRouter() = default;

    /// A session bound as RX/TRX: it may now be offered deliver_sm items.
    virtual void attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info) = 0;

    /// The session is going away (unbind, close): requeue what it still has in flight.
    virtual void detach(const DeliverySink& sink) = 0;

    /// A deliver_sm_resp (or generic_nack) arrived for delivery_id with `status`.
    virtual void onDeliveryResponse(std::uint64_t delivery_id, smpp::CommandStatus status) = 0;

    /// No response within the response timer for delivery_id.
    virtual void onDeliveryTimeout(std::uint64_t delivery_id) = 0;
};

} // namespace smppd
