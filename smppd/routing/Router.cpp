#include "smppd/routing/Router.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/smpp/CommandStatus.h"
#include "smppd/routing/DeliverSmBuilder.h"
#include "smppd/store/StoreError.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace smppd {

namespace {

bool isTransient(std::optional<std::uint32_t> status)
{
    // A timeout (no status) is transient too (checklist §8).
    return !status || smpp::isTransient(static_cast<smpp::CommandStatus>(*status));
}

} // namespace

void Router::AccountQueue::push(Pending pending)
{
    held_receipts += pending.kind == OutboundKind::Receipt ? 1 : 0;
    ready.push_back(std::move(pending));
}

void Router::AccountQueue::pushFront(Pending pending)
{
    held_receipts += pending.kind == OutboundKind::Receipt ? 1 : 0;
    ready.push_front(std::move(pending));
}

Router::Pending Router::AccountQueue::popFront()
{
    Pending pending = std::move(ready.front());
    ready.pop_front();
    held_receipts -= pending.kind == OutboundKind::Receipt ? 1 : 0;
    return pending;
}

Router::Router(MessageStore& store, RouterOptions options, WallClock clock)
    : store_(store),
      options_(std::move(options)),
      clock_(std::move(clock)),
      known_accounts_(options_.accounts.begin(), options_.accounts.end())
{
}

Router::~Router() = default;

void Router::setForwarder(Forwarder* forwarder, OnLoop outcomes_on)
{
    forwarder_ = forwarder;
    forwarder_outcomes_on_ = std::move(outcomes_on);
}

std::int64_t Router::submit(Message message, StoreCompletion done)
{
    const auto now = clock_();
    if (message.submit_time == TimePoint{}) {
        message.submit_time = now;
    }
    if (!message.expiry_time) {
        message.expiry_time = message.submit_time + options_.default_validity;
    }
    if (message.target.kind == TargetKind::Unrouted) {
        message.target = route(message);
    }
    if (isAccountFull(message.target)) {
        if (done) {
            done(StoreResult{StoreStatus::QueueFull, 0, 0, "destination queue full"});
        }
        return 0;
    }
    if (isDecidedAtSubmit(message, now)) {
        return submitDelivered(std::move(message), now, std::move(done));
    }
    auto copy = std::make_shared<Message>(message);
    return store_.insert(
        std::move(message), [this, copy, done = std::move(done)](const StoreResult& result) {
            if (done) {
                done(result); // submit_sm_resp first: a receipt must never overtake it
            }
            if (result.ok()) {
                copy->id = result.id;
                Work work;
                {
                    accept(copy, work);
                    notifyIfBuffered(*copy, work);
                }
                run(work);
            }
        });
}

bool Router::isDecidedAtSubmit(const Message& message, TimePoint now) const
{
    return message.target.kind == TargetKind::Handset
        && (!message.schedule_time || *message.schedule_time <= now) && !message.next_attempt_at;
}

std::int64_t Router::submitDelivered(Message message, TimePoint now, StoreCompletion done)
{
    // The simulated handset's answer is known before the commit: the message is inserted
    // already DELIVERED (one write instead of an insert and a later state update). Its receipt
    // still waits for the commit, the submit response and handset_delay; after a crash the
    // store holds it final with its receipt Pending, and resume() sends it.
    message.state = smpp::MessageState::Delivered;
    message.error_code = 0;
    message.done_time = now + options_.handset_delay; // when the handset "answers"
    message.attempts = 1;
    message.receipt = wantsReceipt(message.registered_delivery, message.state)
            && !deliver::isBridgeOrigin(message)
        ? ReceiptState::Pending
        : ReceiptState::None;
    auto copy =
        message.receipt == ReceiptState::Pending ? std::make_shared<Message>(message) : nullptr;
    return store_.insert(
        std::move(message), [this, copy, done = std::move(done)](const StoreResult& result) {
            if (done) {
                done(result); // submit_sm_resp first: the receipt must never overtake it
            }
            if (!result.ok()) {
                return;
            }
            Work work;
            bool scheduled = false;
            {
                ++counters_.delivered;
                if (copy && !receipts_.holds(result.id)) {
                    copy->id = result.id;
                    receipts_.add(copy);
                    schedule(Pending{OutboundKind::Receipt, copy, nullptr, nullptr, 0},
                        *copy->done_time,
                        work);
                    scheduled = true;
                }
            }
            if (scheduled) {
                logReceiptQueued(result.id, copy->origin, smpp::statName(copy->state));
            }
            run(work);
        });
}

RouteTarget Router::route(const Message& message) const
{
    if (options_.mode == Mode::Vocalcom) {
        return {TargetKind::Hermes, {}};
    }
    if (auto account = receivers_.accountByRange(message.destination_addr)) {
        return {TargetKind::Account, std::move(*account)};
    }
    if (known_accounts_.contains(message.destination_addr)) {
        return {TargetKind::Account, message.destination_addr};
    }
    return {TargetKind::Handset, {}};
}

void Router::cancel(std::int64_t id, StoreCompletion done)
{
    store_.cancel(id, clock_(), [this, id, done = std::move(done)](const StoreResult& result) {
        if (done) {
            done(result); // cancel_sm_resp before the DELETED receipt
        }
        if (!result.ok()) {
            return;
        }
        logging::log(log_, logging::ev::message_cancelled, "message_id={}", id);
        {
            unregisterMessage(id);
        }
        try {
            const auto cancelled = store_.find(id);
            if (cancelled && cancelled->receipt == ReceiptState::Pending) {
                enqueueReceipt(std::make_shared<const Message>(*cancelled));
            }
        } catch (const StoreError& e) {
            logging::log(log_,
                logging::ev::cancel_receipt_lost,
                "message_id={} error={}",
                id,
                logging::quoted(e.what()));
        }
    });
}

void Router::replace(const Replacement& replacement, StoreCompletion done)
{
    store_.replace(replacement, [this, replacement, done = std::move(done)](const StoreResult& r) {
        if (done) {
            done(r);
        }
        if (!r.ok()) {
            return;
        }
        logging::log(log_, logging::ev::message_replaced, "message_id={}", replacement.id);
        Work work;
        {
            const auto it = messages_.find(replacement.id);
            if (it == messages_.end()) {
                return;
            }
            auto updated = std::make_shared<Message>(*it->second);
            updated->payload = replacement.payload;
            updated->schedule_time = replacement.schedule_time.has_value()
                ? replacement.schedule_time
                : updated->schedule_time;
            updated->expiry_time = replacement.expiry_time.has_value() ? replacement.expiry_time
                                                                       : updated->expiry_time;
            updated->registered_delivery = replacement.registered_delivery;
            unregisterMessage(replacement.id); // queued parts of the old content become stale
            accept(std::move(updated), work);
        }
        run(work);
    });
}

void Router::attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info)
{
    receivers_.attach(sink, info);
    // Parked messages may match the new receiver's range: give them another chance, first.
    auto& queue = accounts_[info.system_id];
    queue.ready.insert(queue.ready.begin(),
        std::make_move_iterator(queue.parked.begin()),
        std::make_move_iterator(queue.parked.end()));
    queue.parked.clear();
    pump(info.system_id);
}

void Router::detach(const DeliverySink& detached)
{
    const DeliverySink* sink = &detached;
    receivers_.detach(detached);
    std::set<std::string> touched;
    for (auto it = in_flight_.begin(); it != in_flight_.end();) {
        if (it->second.sink != sink) {
            ++it;
            continue;
        }
        // Unacknowledged deliver_sm go back to the front (checklist §8: unbind re-queues).
        accounts_[it->second.account].pushFront(std::move(it->second.item));
        touched.insert(it->second.account);
        it = in_flight_.erase(it);
    }
    for (const auto& account : touched) {
        pump(account);
    }
}

void Router::onDeliveryResponse(std::uint64_t delivery_id, smpp::CommandStatus status)
{
    onDeliveryResult(delivery_id, smpp::toWire(status));
}

void Router::onDeliveryTimeout(std::uint64_t delivery_id)
{
    onDeliveryResult(delivery_id, std::nullopt);
}

void Router::onDeliveryResult(std::uint64_t delivery_id, std::optional<std::uint32_t> status)
{
    InFlight done;
    {
        const auto it = in_flight_.find(delivery_id);
        if (it == in_flight_.end()) {
            return; // detached meanwhile, or unknown
        }
        done = std::move(it->second);
        in_flight_.erase(it);
    }
    if (done.item.kind == OutboundKind::Notification) {
        // A courtesy, neither stored nor retried: the final receipt follows anyway.
        if (status && *status == 0) {
            ++counters_.notifications_sent;
        } else {
            logging::log(log_,
                logging::ev::notification_dropped,
                "message_id={} status={}",
                done.item.message->id,
                status ? fmt::format("0x{:08x}", *status) : std::string("timeout"));
        }
    } else if (status && *status == 0) {
        onSuccess(done.item);
    } else if (isTransient(status)) {
        retry(std::move(done.item), status ? static_cast<int>(*status) : 0);
    } else {
        onPermanentFailure(done.item, *status);
    }
    pump(done.account); // a window slot is free again
}

void Router::onTick()
{
    Work work;
    {
        const auto now = clock_();
        while (!delayed_.empty() && delayed_.begin()->first <= now) {
            auto pending = std::move(delayed_.begin()->second);
            delayed_.erase(delayed_.begin());
            startNow(std::move(pending), work);
        }
        for (const auto& [account, queue] : accounts_) {
            if (!queue.ready.empty() && receivers_.hasReceivers(account)) {
                work.pump.insert(account); // windows may have room again
            }
        }
    }
    run(work);
}

void Router::resume(const std::vector<Message>& unfinished)
{
    Work work;
    {
        for (const auto& message : unfinished) {
            accept(std::make_shared<const Message>(message), work);
        }
    }
    run(work);
}

void Router::beginReceiptPass()
{
    receipts_.beginPass();
}

bool Router::knowsReceipts(const std::vector<std::int64_t>& ids) const
{
    return std::all_of(
        ids.begin(), ids.end(), [this](std::int64_t id) { return receipts_.known(id); });
}

bool Router::resumeReceipts(const std::vector<Message>& receipts)
{
    Work work;
    std::vector<const Message*> queued;
    bool room = true;
    // A receipt still held, or settled after the store was read, is not queued again. (The page
    // was read off the Router's thread; a settle runs on that thread between two steps of the
    // pass, never inside one.)
    for (const Message& message : receipts) {
        if (receipts_.known(message.id)) {
            continue;
        }
        switch (queueReceipt(std::make_shared<const Message>(message))) {
        case Queued::Yes:
            work.pump.insert(message.origin);
            queued.push_back(&message);
            break;
        case Queued::NoRoom:
            room = false;
            break;
        case Queued::Known:
            break;
        }
    }
    for (const Message* message : queued) {
        logReceiptQueued(message->id, message->origin, smpp::statName(message->state));
    }
    run(work);
    return room;
}

void Router::endReceiptPass()
{
    receipts_.endPass();
}

void Router::onExpired(const std::vector<Message>& expired)
{
    {
        for (const auto& message : expired) {
            unregisterMessage(message.id);
        }
    }
    for (const auto& message : expired) {
        logging::log(log_,
            logging::ev::message_expired,
            "message_id={} account={}",
            message.id,
            message.origin);
        if (message.receipt == ReceiptState::Pending) {
            enqueueReceipt(std::make_shared<const Message>(message));
        }
    }
}

RouterCounters Router::counters() const
{
    RouterCounters snapshot = counters_;
    snapshot.queued = delayed_.size();
    snapshot.receivers = receivers_.size();
    snapshot.receipts_held = 0;
    for (const auto& [account, queue] : accounts_) {
        snapshot.queued += queue.ready.size() + queue.parked.size();
        snapshot.receipts_held += queue.held_receipts;
    }
    snapshot.in_flight = in_flight_.size();
    return snapshot;
}

// --- internals -------------------------------------------------------------------------------

void Router::run(Work& work)
{
    for (const auto& pending : work.unsendable) {
        // ESME_RINVMSGLEN: over 255 parts, or a part no deliver_sm can carry.
        finish(pending, smpp::MessageState::Undeliverable, 0x01);
    }
    for (const auto& pending : work.handset) {
        finish(pending, smpp::MessageState::Delivered, 0); // the simulated handset got it
    }
    for (const auto& pending : work.forward) {
        forward(pending);
    }
    for (const auto& account : work.pump) {
        pump(account);
    }
}

void Router::accept(std::shared_ptr<const Message> message, Work& work)
{
    if (message->isFinal() || messages_.contains(message->id)) {
        return; // resume of an id already known
    }
    registerMessage(message);
    Pending pending{OutboundKind::Message, message, nullptr, nullptr, message->attempts};
    schedule(std::move(pending), notBefore(*message, clock_()), work);
}

void Router::schedule(Pending pending, TimePoint at, Work& work)
{
    if (at > clock_()) {
        delayed_.emplace(at, std::move(pending));
    } else {
        startNow(std::move(pending), work);
    }
}

void Router::startNow(Pending pending, Work& work)
{
    if (!isLive(pending)) {
        return;
    }
    if (pending.kind != OutboundKind::Message || pending.part) {
        const auto account = accountOf(pending);
        if (pending.kind == OutboundKind::Receipt && !admitHeldReceipt(account)) {
            receipts_.drop(pending.message->id); // Pending in the store: a later pass sends it
            return;
        }
        accounts_[account].push(std::move(pending));
        work.pump.insert(account);
        return;
    }
    switch (pending.message->target.kind) {
    case TargetKind::Account:
        expand(pending, work);
        break;
    case TargetKind::Hermes:
        work.forward.push_back(std::move(pending));
        break;
    case TargetKind::Handset:
    case TargetKind::Unrouted:
        work.handset.push_back(std::move(pending));
        break;
    }
}

void Router::expand(const Pending& pending, Work& work)
{
    const auto& message = *pending.message;
    std::vector<smpp::DeliverSm> parts;
    try {
        parts = deliver::messageParts(message, static_cast<std::uint16_t>(message.id));
    } catch (const std::exception& e) {
        logging::log(log_,
            logging::ev::unsendable,
            "message_id={} error={}",
            message.id,
            logging::quoted(e.what()));
    }
    if (parts.empty() || !std::all_of(parts.begin(), parts.end(), deliver::fitsWire)) {
        work.unsendable.push_back(pending);
        return;
    }
    auto progress = std::make_shared<Progress>(Progress{parts.size(), false});
    auto& queue = accounts_[message.target.account];
    for (auto& part : parts) {
        queue.push(Pending{OutboundKind::Message,
            pending.message,
            std::make_shared<const smpp::DeliverSm>(std::move(part)),
            progress,
            pending.attempts});
    }
    work.pump.insert(message.target.account);
}

void Router::enqueueReceipt(std::shared_ptr<const Message> final_message)
{
    const auto account = final_message->origin;
    const auto id = final_message->id;
    const auto stat = smpp::statName(final_message->state);
    bool queued = false;
    {
        queued = queueReceipt(std::move(final_message)) == Queued::Yes;
    }
    if (queued) {
        logReceiptQueued(id, account, stat);
        pump(account);
    }
}

void Router::logReceiptQueued(
    std::int64_t id, const std::string& account, std::string_view stat) const
{
    logging::log(log_,
        logging::ev::receipt_queued,
        FMT_COMPILE("message_id={} account={} stat={}"),
        id,
        account,
        stat);
}

Router::Queued Router::queueReceipt(std::shared_ptr<const Message> final_message)
{
    if (deliver::isBridgeOrigin(*final_message) || receipts_.holds(final_message->id)) {
        return Queued::Known; // no SMPP account to send it to, or already on its way
    }
    const auto account = final_message->origin;
    if (!admitHeldReceipt(account)) {
        return Queued::NoRoom;
    }
    receipts_.add(final_message);
    accounts_[account].push(
        Pending{OutboundKind::Receipt, std::move(final_message), nullptr, nullptr, 0});
    return Queued::Yes;
}

bool Router::admitHeldReceipt(const std::string& account)
{
    auto& queue = accounts_[account];
    if (queue.held_receipts < options_.max_held_receipts_per_account) {
        return true;
    }
    ++counters_.receipts_deferred;
    if (!queue.receipts_overflowed) {
        logging::log(log_,
            logging::ev::receipts_held_in_store,
            "account={} held={} reason=no_room",
            account,
            queue.held_receipts);
    }
    queue.receipts_overflowed = true;
    return false;
}

bool Router::takeReceiptPassRequest()
{
    return std::exchange(receipt_pass_requested_, false);
}

void Router::pump(const std::string& account)
{
    Pending item;
    ReceiverTable::Order order;
    while (takeNext(account, item, order)) {
        if (!offerToAny(account, item, order)) {
            accounts_[account].pushFront(std::move(item)); // every window is full
            return;
        }
    }
}

bool Router::takeNext(const std::string& account, Pending& item, ReceiverTable::Order& order)
{
    auto& queue = accounts_[account];
    while (!queue.ready.empty()) {
        if (!receivers_.hasReceivers(account)) {
            return false;
        }
        item = queue.popFront();
        if (queue.receipts_overflowed
            && queue.held_receipts <= options_.max_held_receipts_per_account / 2) {
            queue.receipts_overflowed = false;
            receipt_pass_requested_ = true; // half drained: bring the next ones from the store
        }
        if (!isLive(item)) {
            continue;
        }
        if (eligibleReceivers(account, item, order)) {
            return true;
        }
        queue.parked.push_back(std::move(item)); // waits for a receiver whose range matches
    }
    return false;
}

bool Router::eligibleReceivers(
    const std::string& account, const Pending& item, ReceiverTable::Order& order)
{
    // A message's destination picks among the receivers' ranges; a receipt goes to any of them.
    const bool message = item.kind == OutboundKind::Message;
    return receivers_.pickOrder(account,
        message ? &item.message->destination_addr : nullptr,
        message && isRangeRouted(item),
        order);
}

bool Router::isRangeRouted(const Pending& item) const
{
    // OPPORTUNITY routes an SMPP submit to an account either by address_range or because
    // destination_addr names it (route()): any other destination was matched by a range.
    // Bridge messages name their account explicitly and may go to any of its receivers.
    const auto& message = *item.message;
    return options_.mode == Mode::Opportunity && message.target.kind == TargetKind::Account
        && !deliver::isBridgeOrigin(message) && message.destination_addr != message.target.account;
}

bool Router::offerToAny(
    const std::string& account, const Pending& item, const ReceiverTable::Order& order)
{
    // The PDU is built once (again only for a receiver of another interface_version), and not
    // at all while every window is full: pump() retries the head item at each deliver_sm_resp.
    std::optional<OutboundItem> out;
    std::uint8_t built_for = 0; ///< the interface_version `out` was built for
    for (const auto& receiver : order) {
        if (!receiver->sink->hasRoom()) {
            continue;
        }
        const std::uint8_t version = receiver->info.interface_version;
        if (!out || built_for != version) {
            out = OutboundItem{0, item.kind, item.message->id, buildPdu(item, version)};
            built_for = version;
        }
        {
            if (receiver->detached) {
                continue; // unbound since the snapshot was taken
            }
            out->delivery_id = next_delivery_id_++;
            in_flight_[out->delivery_id] = InFlight{item, account, receiver->sink.get()};
        }
        if (receiver->sink->offer(*out)) {
            return true;
        }
        in_flight_.erase(out->delivery_id);
    }
    return false;
}

smpp::DeliverSm Router::buildPdu(const Pending& item, std::uint8_t interface_version) const
{
    smpp::DeliverSm pdu;
    switch (item.kind) {
    case OutboundKind::Receipt:
        pdu = deliver::receipt(*item.message, options_.id_format, interface_version);
        break;
    case OutboundKind::Notification:
        pdu = deliver::notification(*item.message, options_.id_format, interface_version);
        break;
    case OutboundKind::Message:
        pdu = *item.part;
        break;
    }
    deliver::adaptToVersion(pdu, interface_version);
    return pdu;
}

void Router::onSuccess(const Pending& item)
{
    if (item.kind == OutboundKind::Receipt) {
        settleReceipt(item, ReceiptState::Sent);
        return;
    }
    {
        if (!isLive(item) || --item.progress->remaining > 0) {
            return; // more parts to go
        }
    }
    finish(item, smpp::MessageState::Delivered, 0);
}

void Router::settleReceipt(const Pending& item, ReceiptState state)
{
    {
        if (!isRegistered(item)) {
            return;
        }
        ++(state == ReceiptState::Sent ? counters_.receipts_sent : counters_.receipts_failed);
    }
    // The receipt stays registered until its new state is committed, so that a status-report
    // pass reading the store meanwhile cannot queue it again.
    store_.markReceipt(item.message->id, state, [this, item](const StoreResult& result) {
        if (isRegistered(item)) {
            receipts_.settled(item.message->id, result.ok());
        }
    });
}

void Router::onPermanentFailure(const Pending& item, std::uint32_t status)
{
    logging::log(log_,
        logging::ev::delivery_failed,
        "message_id={} kind={} status=0x{:08x}",
        item.message->id,
        kindName(item.kind),
        status);
    if (item.kind == OutboundKind::Receipt) {
        settleReceipt(item, ReceiptState::Failed);
        return;
    }
    {
        if (!isLive(item)) {
            return;
        }
        item.progress->failed = true;
    }
    finish(item, smpp::MessageState::Undeliverable, static_cast<int>(status));
}

void Router::retry(Pending item, int error_code)
{
    ++item.attempts;
    const auto at = clock_() + backoff(item.attempts);
    bool notified = false;
    {
        if (!isLive(item)) {
            return;
        }
        ++counters_.retries;
        delayed_.emplace(at, item);
        notified =
            item.kind == OutboundKind::Message && queueNotification(*item.message, error_code);
    }
    logging::log(log_,
        logging::ev::delivery_retry,
        "message_id={} kind={} attempt={} retry_in_ms={} error={}",
        item.message->id,
        kindName(item.kind),
        item.attempts,
        std::chrono::duration_cast<std::chrono::milliseconds>(at - clock_()).count(),
        error_code);
    if (item.kind == OutboundKind::Message) {
        store_.reschedule(item.message->id, item.attempts, at);
    }
    if (notified) {
        pump(item.message->origin);
    }
}

bool Router::queueNotification(const Message& message, int error_code)
{
    if (!wantsNotification(message.registered_delivery) || deliver::isBridgeOrigin(message)
        || !notified_.insert(message.id).second) {
        return false;
    }
    auto enroute = std::make_shared<Message>(message);
    enroute->state = smpp::MessageState::Enroute;
    enroute->error_code = error_code;
    enroute->done_time = clock_();
    accounts_[message.origin].push(
        Pending{OutboundKind::Notification, std::move(enroute), nullptr, nullptr, 0});
    return true;
}

void Router::notifyIfBuffered(const Message& message, Work& work)
{
    const auto now = clock_();
    if (message.target.kind != TargetKind::Account || notBefore(message, now) > now) {
        return; // not for a client, or scheduled for later on purpose
    }
    if (!receivers_.hasReceivers(message.target.account) && queueNotification(message, 0)) {
        work.pump.insert(message.origin);
    }
}

void Router::forward(const Pending& item)
{
    Forwarder* forwarder = nullptr;
    {
        forwarder = forwarder_;
    }
    if (forwarder == nullptr) {
        logging::log(log_, logging::ev::no_forwarder, "message_id={}", item.message->id);
        retry(item);
        return;
    }
    forwarder->forward(*item.message, [this, item](const ForwardOutcome& outcome) {
        forwarder_outcomes_on_.post([this, item, outcome] { onForwardOutcome(item, outcome); });
    });
}

void Router::onForwardOutcome(const Pending& item, const ForwardOutcome& outcome)
{
    switch (outcome.kind) {
    case ForwardOutcome::Kind::Delivered:
        finish(item, smpp::MessageState::Delivered, 0); // receipt err:000
        break;
    case ForwardOutcome::Kind::Failed:
        finish(item, outcome.state, outcome.error_code);
        break;
    case ForwardOutcome::Kind::Retry:
        retry(item, outcome.error_code);
        break;
    }
}

void Router::finish(const Pending& item, smpp::MessageState state, int error_code)
{
    {
        if (!isRegistered(item)) {
            return; // finished, cancelled, expired or replaced meanwhile
        }
        unregisterMessage(item.message->id);
        ++(state == smpp::MessageState::Delivered ? counters_.delivered : counters_.failed);
    }
    auto final_message = std::make_shared<Message>(*item.message);
    final_message->state = state;
    final_message->error_code = error_code;
    final_message->done_time = clock_();
    final_message->attempts = item.attempts + 1;
    final_message->receipt = wantsReceipt(final_message->registered_delivery, state)
            && !deliver::isBridgeOrigin(*final_message)
        ? ReceiptState::Pending
        : ReceiptState::None;
    const StateUpdate update{final_message->id,
        state,
        error_code,
        final_message->done_time,
        final_message->receipt,
        final_message->attempts};
    store_.updateState(update, [this, final_message](const StoreResult& result) {
        // Only a committed final state produces a receipt; AlreadyFinal (expired or cancelled
        // meanwhile) produced its own.
        if (result.ok() && final_message->receipt == ReceiptState::Pending) {
            enqueueReceipt(final_message);
        }
    });
}

void Router::registerMessage(std::shared_ptr<const Message> message)
{
    if (message->target.kind == TargetKind::Account) {
        ++account_load_[message->target.account];
    }
    messages_[message->id] = std::move(message);
}

void Router::unregisterMessage(std::int64_t id)
{
    const auto it = messages_.find(id);
    if (it == messages_.end()) {
        return;
    }
    if (it->second->target.kind == TargetKind::Account) {
        const auto load = account_load_.find(it->second->target.account);
        if (load != account_load_.end() && --load->second == 0) {
            account_load_.erase(load);
        }
    }
    messages_.erase(it);
    notified_.erase(id);
}

bool Router::isAccountFull(const RouteTarget& target) const
{
    if (target.kind != TargetKind::Account) {
        return false;
    }
    const auto load = account_load_.find(target.account);
    return load != account_load_.end() && load->second >= options_.max_queued_per_account;
}

bool Router::isRegistered(const Pending& item) const
{
    if (item.kind == OutboundKind::Notification) {
        return true; // nothing to settle: it goes out whatever became of the message
    }
    if (item.kind == OutboundKind::Receipt) {
        return receipts_.isCurrent(item.message);
    }
    const auto it = messages_.find(item.message->id);
    return it != messages_.end() && it->second == item.message;
}

bool Router::isLive(const Pending& item) const
{
    return isRegistered(item) && (!item.progress || !item.progress->failed);
}

std::string Router::accountOf(const Pending& item) const
{
    return item.kind == OutboundKind::Message ? item.message->target.account : item.message->origin;
}

TimePoint Router::notBefore(const Message& message, TimePoint now) const
{
    TimePoint at = now;
    if (message.schedule_time) {
        at = std::max(at, *message.schedule_time);
    }
    if (message.next_attempt_at) {
        at = std::max(at, *message.next_attempt_at);
    }
    if (message.target.kind == TargetKind::Handset) {
        at = std::max(at, now + options_.handset_delay);
    }
    return at;
}

std::chrono::milliseconds Router::backoff(int attempts) const
{
    const auto max = std::chrono::duration_cast<std::chrono::milliseconds>(options_.max_backoff);
    auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(options_.min_backoff);
    for (int i = 1; i < attempts && delay < max; ++i) {
        delay *= 2;
    }
    return std::min(delay, max);
}

} // namespace smppd
