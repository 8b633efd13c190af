#pragma once

#include "common/logging/Log.h"
#include "common/smpp/Codec.h"
#include "common/smpp/FrameSplitter.h"
#include "common/smpp/Pdu.h"
#include "smppd/routing/DeliverySink.h"
#include "smppd/session/MessageService.h"
#include "smppd/session/RateLimiter.h"
#include "smppd/session/SessionConfig.h"
#include "smppd/session/SessionState.h"

#include <Poco/Logger.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace smppd {

class Authenticator;
class BindGuard;
class DeliveryRouter;
class SessionObserver;
class SessionRegistry;
struct Account;

/// The shared services a Session uses (references must outlive every Session).
struct SessionServices {
    const Authenticator& authenticator;
    BindGuard& bind_guard;
    SessionRegistry& registry;
    MessageService& messages;
    DeliveryRouter* router = nullptr; ///< null: RX/TRX binds get no deliver_sm
    SessionObserver* observer = nullptr; ///< metrics; null = none
    /// Wall clock for SMPP times (validity, schedule) and message timestamps; injectable.
    std::function<smpp::TimePoint()> wall_clock = [] { return std::chrono::system_clock::now(); };
};

/// One SMPP session, I/O-free (checklist §1, §2, §8). Inputs: received bytes or frames, the
/// time (onTick), store completions and Router offers. Outputs: bytes to write (takeOutput) and
/// when to close (closeDue). The connection owns the socket; it calls onBytes() with what it
/// read, writes takeOutput(), closes when closeDue(), then calls onDisconnected().
///
/// Not thread-safe, by design: one thread owns it, smppd's event loop, which runs the
/// connection, the store's answers and the Router's offers. After an answer or an offer, the
/// wake-up callback tells the connection to send. Outward calls (store, router) are made once a
/// handler is over (the `later` list), so they may call back synchronously. Create with
/// create() (completions hold weak references).
class Session : public DeliverySink, public std::enable_shared_from_this<Session> {
public:
    using Clock = std::chrono::steady_clock;
    using TimePoint = Clock::time_point;

    /// A new session in OPEN for a connection from peer_ip (text form), accepted at `now`.
    /// `number` names it in the log (session=, from event=connection_accepted).
    static std::shared_ptr<Session> create(SessionConfig config,
        SessionServices services,
        std::string peer_ip,
        TimePoint now,
        std::uint64_t number = 0);

    ~Session() override;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Called when output or a close became pending because of an asynchronous event (a store
    /// answer, a Router offer). Must be cheap and must not call back into the session.
    void setWakeup(std::function<void()> wakeup);

    /// Bytes read from the socket, in any chunking: framed, then handled PDU by PDU.
    void onBytes(std::span<const std::uint8_t> bytes, TimePoint now);

    /// Timers: bind timeout, partial-PDU timer, keep-alive enquire_link, response timers,
    /// delayed close (checklist §8). The connection ticks before it sends what a wake-up
    /// brought: the response timer of a deliver_sm offered meanwhile starts at that tick.
    void onTick(TimePoint now);

    /// Graceful server stop: send unbind (if bound), then close on unbind_resp or after the
    /// response timer; close at once when not bound.
    void stop(TimePoint now);

    /// The socket is gone (closed by us or the peer): release the account slot, detach from the
    /// Router (which requeues deliver_sm in flight). Idempotent.
    void onDisconnected();

    /// Moves the pending output bytes to the end of `out`; true if there were any.
    bool takeOutput(std::vector<std::uint8_t>& out);

    /// True when the connection should close now (after writing the pending output).
    bool closeDue(TimePoint now) const;

    /// The earliest time onTick() has something to do (for the connection's poll timeout).
    TimePoint nextDeadline() const;

    SessionState state() const;
    std::string systemId() const;
    std::string peer() const { return peer_ip_; }
    std::uint64_t number() const { return number_; }
    /// ESME requests waiting for a store result.
    std::uint32_t requestsInFlight() const;
    /// deliver_sm sent and not yet answered.
    std::uint32_t deliveriesInFlight() const;

    /// DeliverySink: queue a deliver_sm if bound RX/TRX and the outbound window has room.
    bool offer(const OutboundItem& item) override;
    /// DeliverySink: bound RX/TRX, not closing, and the outbound window has room.
    bool hasRoom() const override;

private:
    Session(SessionConfig config,
        SessionServices services,
        std::string peer_ip,
        TimePoint now,
        std::uint64_t number);

    /// offer() itself; false (logged) when the window is full or the PDU cannot be encoded.
    bool queueDeliverSm(const OutboundItem& item);
    /// Encodes the deliver_sm of `item` into the output; false (logged) if it cannot be.
    bool sendDeliverSm(const OutboundItem& item, std::uint32_t seq);

    /// offer() would take a deliver_sm now.
    bool canDeliver() const;

    enum class OutKind { EnquireLink, Unbind, Deliver };
    /// The deadline of a deliver_sm offered by another thread: its response timer starts at
    /// the session's next tick (the connection sends it then), not at the last time this session
    /// saw, which may be long past for an idle session on an event loop.
    static constexpr TimePoint kTimerNotStarted = TimePoint::min();
    struct Outstanding {
        OutKind kind = OutKind::EnquireLink;
        TimePoint deadline{};
        std::uint64_t delivery_id = 0;
        std::int64_t message_id = 0; ///< for the deliver_sm_answered line
        OutboundKind delivery_kind = OutboundKind::Message;
    };
    using Deferred = std::vector<std::function<void()>>;

    /// A submit_sm/data_sm validated by a handler, handed to the store once the handler is over.
    struct PendingSubmit {
        Message message;
        std::uint32_t seq = 0;
        bool data_sm = false;
    };

    /// submit_multi in progress: one response when every destination has an answer.
    struct MultiSubmit {
        smpp::SubmitMultiResp resp;
        std::size_t remaining = 0;
        smpp::CommandStatus first_error = smpp::CommandStatus::Ok;
    };

    // Handlers push their outward calls onto `later`, made once the handler is over.
    void handleBytes(std::span<const std::uint8_t> bytes, TimePoint now, Deferred& later);
    void handleFrame(std::span<const std::uint8_t> frame, TimePoint now, Deferred& later);
    void handleTick(TimePoint now, Deferred& later);
    void handleResponse(const smpp::Header& header, Deferred& later);
    /// Checklist §1 rows 3-4: false (answered generic_nack) for an unknown command id or a
    /// request only an SMSC sends.
    bool isRequestAnSmscTakes(const smpp::Header& header);
    /// Rows 7-8: a request that does not decode gets its error response (a bind is closed).
    void refuseUndecodable(
        const smpp::Header& header, const smpp::DecodeError& error, TimePoint now);
    /// The request a response answers, removed from outstanding_; nullopt (logged) when there
    /// is none or the response is of another kind.
    std::optional<Outstanding> takeOutstanding(const smpp::Header& header);
    void onDeliverSmResp(const Outstanding& o, const smpp::Header& header, Deferred& later);
    bool stateAllows(smpp::CommandId id, const smpp::Header& header);
    void dispatch(smpp::Pdu&& pdu, TimePoint now, Deferred& later);

    template <smpp::CommandId Id>
    void onBind(
        const smpp::BindRequest<Id>& bind, std::uint32_t seq, TimePoint now, Deferred& later);
    void logBindRefused(const std::string& system_id, smpp::CommandStatus status);
    void enterBoundState(SessionState bound,
        const std::string& system_id,
        std::uint8_t interface_version,
        const Account& account);
    smpp::CommandStatus authorizeBind(const std::string& system_id,
        const std::string& password,
        TimePoint now,
        const Account*& account);
    void onUnbind(std::uint32_t seq, TimePoint now, Deferred& later);
    void finishUnbindIfIdle(TimePoint now);
    void onSubmitSm(const smpp::SubmitSm& pdu, std::uint32_t seq, TimePoint now, Deferred& later);
    void onDataSm(const smpp::DataSm& pdu, std::uint32_t seq, TimePoint now, Deferred& later);
    void submitMessage(Message message, std::uint32_t seq, bool data_sm, Deferred& later);
    void finishSubmit(const MessageService::SubmitResult& result,
        std::uint32_t seq,
        bool data_sm,
        const std::string& dest);
    void onSubmitMulti(
        const smpp::SubmitMulti& pdu, std::uint32_t seq, TimePoint now, Deferred& later);
    /// Hands each destination's message to the MessageService.
    void submitEach(std::vector<Message> messages,
        const std::shared_ptr<MultiSubmit>& batch,
        std::uint32_t seq);
    void finishMultiPart(MultiSubmit& batch,
        const smpp::UnsuccessSme& dest,
        const MessageService::SubmitResult& result,
        std::uint32_t seq);
    void onQuerySm(const smpp::QuerySm& pdu, std::uint32_t seq, Deferred& later);
    void finishQuery(const MessageService::QueryResult& result,
        const std::string& message_id,
        std::uint32_t seq);
    void onCancelSm(const smpp::CancelSm& pdu, std::uint32_t seq, Deferred& later);
    void onReplaceSm(const smpp::ReplaceSm& pdu, std::uint32_t seq, TimePoint now, Deferred& later);

    /// Window + throttle admission of a message request; false = answered 0x58 already.
    bool admitSubmit(smpp::CommandId request, std::uint32_t seq, TimePoint now);
    /// An asynchronous request finished: one fewer in flight; may complete a pending unbind.
    void requestDone();
    /// An asynchronous answer arrived: runs fn (the caller holds a strong reference), then wakes
    /// the connection so it sends.
    template <typename Fn>
    void completed(Fn&& fn);
    /// Runs fn(), then writes the lines it added.
    template <typename Fn>
    auto withLines(Fn&& fn);
    /// Hands the submits collected while handling input to the MessageService.
    void issueSubmits();

    void send(const smpp::Pdu& pdu);
    void sendResponse(smpp::Body body, smpp::CommandStatus status, std::uint32_t seq);
    void sendErrorResponse(std::uint32_t command_id, smpp::CommandStatus status, std::uint32_t seq);
    void sendGenericNack(smpp::CommandStatus status, std::uint32_t seq);
    std::uint32_t nextSequence();
    void closeAt(TimePoint when);
    void closeNow();
    void noteTime(TimePoint now);
    void leaveBoundState(Deferred& later);
    void expireOutstanding(TimePoint now, Deferred& later);
    void maybeSendKeepAlive(TimePoint now);
    std::string formatId(std::int64_t id) const;
    static void runDeferred(Deferred& later);

    SessionConfig config_;
    SessionServices services_;
    std::string peer_ip_;
    std::uint64_t number_ = 0;
    Poco::Logger& log_;
    Poco::Logger& pdu_log_; ///< `smppd.pdu`: one trace line per PDU (Log.PduTrace)

    logging::PendingLines lines_; ///< a step's lines, written once the step is over
    std::function<void()> wakeup_;
    SessionState state_ = SessionState::Open;
    smpp::FrameSplitter splitter_;
    std::vector<std::uint8_t> out_;
    std::optional<TimePoint> close_at_;

    std::string system_id_;
    std::uint8_t interface_version_ = 0x34;
    bool tlvs_allowed_ = true; ///< false when the ESME bound with interface_version < 0x34
    bool holds_slot_ = false; ///< counted in SessionRegistry
    SessionState bound_as_ = SessionState::Open; ///< the bound state reported to the observer
    bool attached_ = false; ///< attached to the Router as a DeliverySink
    RateLimiter throttle_;

    TimePoint opened_at_;
    TimePoint last_rx_;
    TimePoint last_now_; ///< latest time seen; used by asynchronous completions and offers
    std::optional<TimePoint> partial_since_;
    std::uint32_t in_flight_ = 0; ///< ESME requests waiting for an asynchronous result
    std::vector<PendingSubmit> pending_submits_; ///< see issueSubmits()
    std::optional<std::uint32_t> unbind_seq_; ///< ESME unbind waiting for in-flight requests
    std::uint32_t next_seq_ = 1;
    std::map<std::uint32_t, Outstanding> outstanding_; ///< by seq: expiry in send order
    std::uint32_t deliveries_in_flight_ = 0;
    bool disconnected_ = false;
};

} // namespace smppd
