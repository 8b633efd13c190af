#pragma once

#include "smppd/routing/Router.h"
#include "smppd/session/DeliveryRouter.h"

namespace smppd {

/// The session's DeliveryRouter view of the real Router.
class RouterDeliveryAdapter : public DeliveryRouter {
public:
    explicit RouterDeliveryAdapter(Router& router) : router_(router) { }

    void attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info) override
    {
        router_.attach(sink, info);
    }

    void detach(const DeliverySink& sink) override { router_.detach(&sink); }

    void onDeliveryResponse(std::uint64_t delivery_id, smpp::CommandStatus status) override
    {
        router_.onDeliveryResponse(delivery_id, smpp::toWire(status));
    }

    void onDeliveryTimeout(std::uint64_t delivery_id) override
    {
        router_.onDeliveryTimeout(delivery_id);
    }

private:
    Router& router_;
};

} // namespace smppd
