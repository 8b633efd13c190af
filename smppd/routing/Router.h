#pragma once

#include "smppd/routing/DeliverySink.h"
#include "smppd/routing/Forwarder.h"
#include "smppd/routing/OnLoop.h"
#include "smppd/routing/RouterOptions.h"
#include "smppd/store/MessageStore.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace smppd {

class RouterState;

/// Decides where committed messages go and delivers deliver_sm (routed messages and receipts) to
/// bound RX/TRX sessions (checklist §8): round-robin over the sessions of the target account,
/// queued while none is bound, retried with backoff and a new sequence number on a timeout,
/// 0x08/0x14/0x58/0x64 or an unbind; failed for good on any other status (0x65/0x66...).
/// Receipts (checklist §6) go to the origin account when registered_delivery asks.
/// Not thread-safe, by design: one thread owns it, smppd's event loop, where the sessions and
/// the store's answers run. The jobs, the Hermes pusher, the bridge and the admin endpoint
/// reach it through OnLoop. It calls a DeliverySink, the Forwarder or the store only once its
/// own state is consistent, so they may call straight back.
class Router {
public:
    /// `store` and the forwarder must outlive the Router, and the store must be closed (or at
    /// least flushed with no traffic) before the Router is destroyed: queued store completions
    /// call back into it. `clock` gives "now".
    Router(MessageStore& store, RouterOptions options, WallClock clock = systemWallClock());
    ~Router();

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
    void attach(std::shared_ptr<DeliverySink> sink, const ReceiverInfo& info);

    /// The session unbound or closed: whatever it has in flight is requeued (new sequence
    /// number on the next attempt). Later results for its delivery ids are ignored.
    void detach(const DeliverySink* sink);

    /// A deliver_sm_resp arrived for `delivery_id` with `command_status`.
    void onDeliveryResponse(std::uint64_t delivery_id, std::uint32_t command_status);

    /// No deliver_sm_resp within response_timer: requeued with backoff.
    void onDeliveryTimeout(std::uint64_t delivery_id);

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
    std::unique_ptr<RouterState> state_;
};

} // namespace smppd
