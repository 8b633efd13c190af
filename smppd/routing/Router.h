#pragma once

#include "smppd/routing/DeliveryRouter.h"
#include "smppd/routing/DeliverySink.h"
#include "smppd/routing/Forwarder.h"
#include "smppd/routing/OnLoop.h"
#include "smppd/routing/ReceiptBook.h"
#include "smppd/routing/ReceiverTable.h"
#include "smppd/routing/RouterOptions.h"
#include "smppd/store/MessageStore.h"

#include <Poco/Logger.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace smppd {

/// Decides where committed messages go and delivers deliver_sm (routed messages and receipts) to
/// bound RX/TRX sessions (checklist §8): round-robin over the sessions of the target account,
/// queued while none is bound, retried with backoff and a new sequence number on a timeout,
/// 0x08/0x14/0x58/0x64 or an unbind; failed for good on any other status (0x65/0x66...).
/// Receipts (checklist §6) go to the origin account when registered_delivery asks.
/// Not thread-safe, by design: one thread owns it, smppd's event loop, where the sessions and
/// the store's answers run. The jobs, the Hermes pusher and the admin endpoint
/// reach it through OnLoop. It calls a DeliverySink, the Forwarder or the store only once its
/// own state is consistent, so they may call straight back.
///
/// Data flow: a message or receipt becomes a Pending; a Pending waits in `delayed_` until its
/// time (schedule, backoff, handset delay), then in its account's `ready` queue until a
/// receiver's window takes it (`in_flight_`), until the deliver_sm_resp decides.
/// Message objects are immutable once shared: replace_sm publishes a new copy, and a queued
/// Pending whose pointer is no longer the registered one is stale and silently dropped
/// (that is how cancel, expiry and replace remove queued items without searching).
/// Sinks, the forwarder and the store are called once a state change is complete (the Work list
/// carries what to do), so that a call that comes straight back (a store refusing at once, a
/// forwarder answering at once) finds the state consistent.
class Router final : public DeliveryRouter {
public:
    /// `store` and the forwarder must outlive the Router, and the store must be closed (or at
    /// least flushed with no traffic) before the Router is destroyed: queued store completions
    /// call back into it. `clock` gives "now".
    Router(MessageStore& store, RouterOptions options, WallClock clock = systemWallClock());
    ~Router() override;

    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    /// VOCALCOM: the back end of TargetKind::Hermes messages (set before traffic starts). Its
    /// outcomes arrive on its own threads: `outcomes_on` brings them to the Router's thread.
    void setForwarder(Forwarder* forwarder, OnLoop outcomes_on = {});

    /// submit_sm / bridge "send": fills the defaults (submit_time, expiry_time from
    /// default_validity, target when Unrouted: see route()), inserts into the store and, once
    /// committed, FIRST calls `done` (answer submit_sm_resp there) and THEN starts delivery,
    /// so a receipt can never overtake the response. QueueFull (synchronously, id 0) when the
    /// target account already has RouterOptions::max_queued_per_account messages waiting.
    /// A Handset message due now is inserted already DELIVERED (its outcome is known before
    /// the commit: one write instead of insert + state update); its receipt still follows the
    /// commit, `done` and handset_delay (after a crash: resumed as a Pending receipt).
    /// Returns the id (also on a store failure; 0 when refused before the store).
    std::int64_t submit(Message message, StoreCompletion done);

    /// The target of a new message: VOCALCOM -> Hermes; OPPORTUNITY -> the account of an
    /// attached receiver whose address_range matches destination_addr, else the account named
    /// by destination_addr, else the Handset.
    /// Delivery of a message to an account goes round-robin over the receivers of the account
    /// whose address_range matches destination_addr (architecture §1), else over all of them.
    /// In OPPORTUNITY a message whose destination_addr is not the account's system_id was
    /// routed by address_range: while no matching receiver is bound (it unbound, or smppd
    /// restarted) it stays queued for the account and goes out when a receiver whose range
    /// matches attaches (never to a non-matching one), or expires with its validity.
    RouteTarget route(const Message& message) const;

    /// cancel_sm: store.cancel(), then drops the message from the queues and issues its DELETED
    /// receipt if asked. Check ownership (origin/source_addr via store.find) before calling.
    void cancel(std::int64_t id, StoreCompletion done);

    /// replace_sm: store.replace(), then updates the queued copy.
    void replace(const Replacement& replacement, StoreCompletion done);

    /// An RX/TRX session bound: it starts receiving what is queued for its account.
    /// Do not attach TX sessions (checklist row 21: nothing is sent to them).
    void attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info) override;

    /// The session unbound or closed: whatever it has in flight is requeued (new sequence
    /// number on the next attempt). Later results for its delivery ids are ignored.
    void detach(const DeliverySink& sink) override;

    /// A deliver_sm_resp arrived for `delivery_id` with `status` (any value, known or not).
    void onDeliveryResponse(std::uint64_t delivery_id, smpp::CommandStatus status) override;

    /// No deliver_sm_resp within response_timer: requeued with backoff.
    void onDeliveryTimeout(std::uint64_t delivery_id) override;

    /// Starts what is due: retries whose backoff is over, scheduled messages, handset
    /// deliveries. Called by the scheduler a few times per second.
    void onTick();

    /// Start-up: takes the non-final messages read from the store; ids already known to the
    /// Router are ignored.
    void resume(const std::vector<Message>& unfinished);

    /// The status-report pass (every Job.StatusReport.Interval, and at start-up) reads the
    /// store's pending receipts a page at a time, between beginReceiptPass() and
    /// endReceiptPass(): a receipt settled meanwhile is remembered until the end, so that a page
    /// read before its commit does not send it again.
    void beginReceiptPass();

    /// True when the Router holds every one of these receipt ids, or settled it during the
    /// pass: the page needs no full read.
    bool knowsReceipts(const std::vector<std::int64_t>& ids) const;

    /// Queues the receipts of a page (final messages, receipt Pending in the store) that the
    /// Router neither holds nor settled during the pass. False when an account had no room
    /// for one (RouterOptions::max_held_receipts_per_account): the pass can stop there.
    bool resumeReceipts(const std::vector<Message>& receipts);

    /// Ends the pass begun by beginReceiptPass().
    void endReceiptPass();

    /// True (once) when an account that left receipts in the store for want of room has
    /// drained half of what it held: the jobs run the status-report pass at once.
    bool takeReceiptPassRequest();

    /// Messages the expiry pass just made EXPIRED: dropped from the queues, receipts issued.
    void onExpired(const std::vector<Message>& expired);

    /// A snapshot of the counters.
    RouterCounters counters() const;

private:
    void onDeliveryResult(std::uint64_t delivery_id, std::optional<std::uint32_t> status);

    struct Progress {
        std::size_t remaining = 0; ///< parts not yet acknowledged
        bool failed = false;
    };
    struct Pending {
        OutboundKind kind = OutboundKind::Message;
        std::shared_ptr<const Message> message;
        std::shared_ptr<const smpp::DeliverSm> part; ///< Account target: the part to send
        std::shared_ptr<Progress> progress; ///< shared by the parts of one message
        int attempts = 0;
    };
    struct AccountQueue {
        std::deque<Pending> ready; ///< through push/pushFront/popFront (they count receipts)
        std::size_t held_receipts = 0; ///< receipts in `ready`
        /// A receipt of this account was left in the store for want of room: the status-report
        /// pass brings it back once `ready` has drained.
        bool receipts_overflowed = false;

        void push(Pending pending);
        void pushFront(Pending pending);
        Pending popFront();
        /// Messages routed by address_range with no matching receiver bound: back to the
        /// front of `ready` when a receiver of the account attaches.
        std::deque<Pending> parked;
    };
    struct InFlight {
        Pending item;
        std::string account;
        const DeliverySink* sink = nullptr;
    };
    /// What to do once a state change is complete.
    struct Work {
        std::set<std::string> pump;
        std::vector<Pending> handset;
        std::vector<Pending> forward;
        std::vector<Pending> unsendable; ///< cannot be put on the wire: final at once
    };

    /// A submit whose outcome is known before the commit (the simulated handset, due now).
    bool isDecidedAtSubmit(const Message& message, TimePoint now) const;
    std::int64_t submitDelivered(Message message, TimePoint now, StoreCompletion done);
    void run(Work& work);
    void accept(std::shared_ptr<const Message> message, Work& work);
    void schedule(Pending pending, TimePoint at, Work& work);
    void startNow(Pending pending, Work& work);
    void expand(const Pending& pending, Work& work);
    void enqueueReceipt(std::shared_ptr<const Message> final_message);
    enum class Queued { Yes, Known, NoRoom };
    /// Registers the receipt and queues it for its account. Known: already
    /// registered (or no SMPP account to send it to). NoRoom: the account holds
    /// max_held_receipts_per_account already; it stays Pending in the store only.
    void logReceiptQueued(std::int64_t id, const std::string& account, std::string_view stat) const;
    Queued queueReceipt(std::shared_ptr<const Message> final_message);
    /// Whether `account` may hold one more receipt in memory. A refusal is
    /// an event, not just an answer: it counts receipts_deferred and marks the account
    /// overflowed (warned once), so that a later pass reloads the receipt from the store.
    bool admitHeldReceipt(const std::string& account);
    void pump(const std::string& account);
    bool takeNext(const std::string& account, Pending& item, ReceiverTable::Order& order);
    bool eligibleReceivers(
        const std::string& account, const Pending& item, ReceiverTable::Order& order);
    bool isRangeRouted(const Pending& item) const;
    bool offerToAny(
        const std::string& account, const Pending& item, const ReceiverTable::Order& order);
    smpp::DeliverSm buildPdu(const Pending& item, std::uint8_t interface_version) const;
    void onSuccess(const Pending& item);
    void settleReceipt(const Pending& item, ReceiptState state);
    void onPermanentFailure(const Pending& item, std::uint32_t status);
    /// A transient failure (`error_code`: the deliver_sm_resp status, or the Hermes error):
    /// again after a backoff; the first time, an intermediate notification if asked for.
    void retry(Pending item, int error_code = 0);
    /// Queues the intermediate notification of `message`, still ENROUTE, to its
    /// origin, if its registered_delivery asks for one and it has not had one yet.
    bool queueNotification(const Message& message, int error_code);
    /// A freshly submitted message for an account with no receiver bound waits: a notification.
    void notifyIfBuffered(const Message& message, Work& work);
    void forward(const Pending& item);
    void onForwardOutcome(const Pending& item, const ForwardOutcome& outcome);
    void finish(const Pending& item, smpp::MessageState state, int error_code);
    void registerMessage(std::shared_ptr<const Message> message);
    void unregisterMessage(std::int64_t id);
    bool isAccountFull(const RouteTarget& target) const;
    bool isRegistered(const Pending& item) const; ///< still the message/receipt registered
    bool isLive(const Pending& item) const; ///< registered, and no sibling part failed
    std::string accountOf(const Pending& item) const;
    TimePoint notBefore(const Message& message, TimePoint now) const;
    std::chrono::milliseconds backoff(int attempts) const;

    MessageStore& store_;
    const RouterOptions options_;
    const WallClock clock_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.routing");

    Forwarder* forwarder_ = nullptr;
    OnLoop forwarder_outcomes_on_; ///< brings the forwarder's outcomes to the Router's thread
    std::set<std::string> known_accounts_;
    std::unordered_map<std::string, AccountQueue> accounts_;
    ReceiverTable receivers_{log_};
    std::multimap<TimePoint, Pending> delayed_;
    std::unordered_map<std::int64_t, std::shared_ptr<const Message>> messages_;
    std::unordered_map<std::string, std::size_t> account_load_; ///< messages_ per Account target
    ReceiptBook receipts_;
    /// Messages that had their intermediate notification (one per message; not kept across a
    /// restart: a notification is a courtesy, the final receipt is what is stored).
    std::unordered_set<std::int64_t> notified_;
    /// An overflowed account has room again (it drained, or a receiver bound): run the
    /// status-report pass now rather than at its next period.
    bool receipt_pass_requested_ = false;
    std::unordered_map<std::uint64_t, InFlight> in_flight_;
    std::uint64_t next_delivery_id_ = 1;
    RouterCounters counters_;
};

} // namespace smppd
