#include "smppd/routing/Router.h"

#include "smppd/routing/RouterState.h"

#include <utility>

namespace smppd {

Router::Router(MessageStore& store, RouterOptions options, WallClock clock)
    : state_(std::make_unique<RouterState>(store, std::move(options), std::move(clock)))
{
}

Router::~Router() = default;

void Router::setForwarder(Forwarder* forwarder, OnLoop outcomes_on)
{
    state_->setForwarder(forwarder, std::move(outcomes_on));
}

std::int64_t Router::submit(Message message, StoreCompletion done)
{
    return state_->submit(std::move(message), std::move(done));
}

RouteTarget Router::route(const Message& message) const
{
    return state_->route(message);
}

void Router::cancel(std::int64_t id, StoreCompletion done)
{
    state_->cancel(id, std::move(done));
}

void Router::replace(const Replacement& replacement, StoreCompletion done)
{
    state_->replace(replacement, std::move(done));
}

void Router::attach(std::shared_ptr<DeliverySink> sink, const ReceiverInfo& info)
{
    state_->attach(std::move(sink), info);
}

void Router::detach(const DeliverySink* sink)
{
    state_->detach(sink);
}

void Router::onDeliveryResponse(std::uint64_t delivery_id, std::uint32_t command_status)
{
    state_->onDeliveryResult(delivery_id, command_status);
}

void Router::onDeliveryTimeout(std::uint64_t delivery_id)
{
    state_->onDeliveryResult(delivery_id, std::nullopt);
}

void Router::onTick()
{
    state_->onTick();
}

void Router::resume(const std::vector<Message>& unfinished)
{
    state_->resume(unfinished);
}

void Router::beginReceiptPass()
{
    state_->beginReceiptPass();
}

bool Router::knowsReceipts(const std::vector<std::int64_t>& ids) const
{
    return state_->knowsReceipts(ids);
}

bool Router::resumeReceipts(const std::vector<Message>& receipts)
{
    return state_->resumeReceipts(receipts);
}

bool Router::takeReceiptPassRequest()
{
    return state_->takeReceiptPassRequest();
}

void Router::endReceiptPass()
{
    state_->endReceiptPass();
}

void Router::onExpired(const std::vector<Message>& expired)
{
    state_->onExpired(expired);
}

RouterCounters Router::counters() const
{
    return state_->counters();
}

} // namespace smppd
