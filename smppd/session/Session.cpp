#include "smppd/session/Session.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/smpp/Codec.h"
#include "common/smpp/PduTrace.h"
#include "common/smpp/SmppTime.h"
#include "common/smpp/Validation.h"
#include "smppd/routing/DeliveryRouter.h"
#include "smppd/session/Authenticator.h"
#include "smppd/session/BindGuard.h"
#include "smppd/session/MessageMapping.h"
#include "smppd/session/MessageService.h"
#include "smppd/session/SessionObserver.h"
#include "smppd/session/SessionRegistry.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>
#include <utility>

namespace smppd {
namespace {

using smpp::CommandId;
using smpp::CommandStatus;

constexpr Session::TimePoint kCloseImmediately = Session::TimePoint::min();

/// The header-only error response for a request id (checklist §1: error bodies may be omitted).
smpp::Body errorResponseBody(CommandId request, const std::string& smsc_id)
{
    switch (request) {
    case CommandId::BindTransmitter:
        return smpp::BindTransmitterResp{.system_id = smsc_id};
    case CommandId::BindReceiver:
        return smpp::BindReceiverResp{.system_id = smsc_id};
    case CommandId::BindTransceiver:
        return smpp::BindTransceiverResp{.system_id = smsc_id};
    case CommandId::QuerySm:
        return smpp::QuerySmResp{};
    case CommandId::SubmitSm:
        return smpp::SubmitSmResp{};
    case CommandId::Unbind:
        return smpp::UnbindResp{};
    case CommandId::ReplaceSm:
        return smpp::ReplaceSmResp{};
    case CommandId::CancelSm:
        return smpp::CancelSmResp{};
    case CommandId::EnquireLink:
        return smpp::EnquireLinkResp{};
    case CommandId::SubmitMulti:
        return smpp::SubmitMultiResp{};
    case CommandId::DataSm:
        return smpp::DataSmResp{};
    default:
        return smpp::GenericNack{};
    }
}

bool isMessageRequest(CommandId id)
{
    return id == CommandId::SubmitSm || id == CommandId::SubmitMulti || id == CommandId::QuerySm
        || id == CommandId::CancelSm || id == CommandId::ReplaceSm || id == CommandId::DataSm;
}

bool isBindRequest(CommandId id)
{
    return id == CommandId::BindTransmitter || id == CommandId::BindReceiver
        || id == CommandId::BindTransceiver;
}

template <CommandId Id>
constexpr SessionState boundStateFor()
{
    if constexpr (Id == CommandId::BindTransmitter) {
        return SessionState::BoundTx;
    } else if constexpr (Id == CommandId::BindReceiver) {
        return SessionState::BoundRx;
    } else {
        return SessionState::BoundTrx;
    }
}

template <CommandId Id>
using BindRespFor =
    smpp::BindResponse<static_cast<CommandId>(smpp::responseIdFor(smpp::toWire(Id)))>;

} // namespace

template <typename Fn>
auto Session::withLines(Fn&& fn)
{
    // The lines a step adds are written once it is over, in one go: a handler's state change
    // is complete before the log channel (or a caller's fault in it) is reached.
    logging::PendingLines taken; // on the stack: a few lines fit in it without allocating
    if constexpr (std::is_void_v<std::invoke_result_t<Fn&>>) {
        fn();
        lines_.moveTo(taken);
        taken.write();
    } else {
        auto result = fn();
        lines_.moveTo(taken);
        taken.write();
        return result;
    }
}

template <typename Fn>
void Session::completed(Fn&& fn)
{
    withLines([&] { fn(*this); });
    if (wakeup_) {
        wakeup_();
    }
}

std::shared_ptr<Session> Session::create(SessionConfig config,
    SessionServices services,
    std::string peer_ip,
    TimePoint now,
    std::uint64_t number)
{
    return std::shared_ptr<Session>(
        new Session(std::move(config), std::move(services), std::move(peer_ip), now, number));
}

Session::Session(SessionConfig config,
    SessionServices services,
    std::string peer_ip,
    TimePoint now,
    std::uint64_t number)
    : config_(std::move(config)),
      services_(std::move(services)),
      peer_ip_(std::move(peer_ip)),
      number_(number),
      log_(Poco::Logger::get("smppd.session")),
      pdu_log_(Poco::Logger::get("smppd.pdu")),
      splitter_(config_.max_pdu_length),
      throttle_(config_.throttle_rate),
      opened_at_(now),
      last_rx_(now),
      last_now_(now)
{
}

Session::~Session() = default;

void Session::setWakeup(std::function<void()> wakeup)
{
    wakeup_ = std::move(wakeup);
}

void Session::onBytes(std::span<const std::uint8_t> bytes, TimePoint now)
{
    Deferred later;
    withLines([&] { handleBytes(bytes, now, later); });
    runDeferred(later);
}

void Session::onTick(TimePoint now)
{
    Deferred later;
    withLines([&] { handleTick(now, later); });
    runDeferred(later);
}

void Session::stop(TimePoint now)
{
    Deferred later;
    withLines([&] {
        noteTime(now);
        if (!isBound(state_)) {
            closeNow();
        } else {
            leaveBoundState(later);
            state_ = SessionState::Unbound;
            const auto seq = nextSequence();
            send(smpp::Pdu{.sequence_number = seq, .body = smpp::Unbind{}});
            outstanding_[seq] = Outstanding{OutKind::Unbind, now + config_.response_timeout, 0};
            lines_.add(log_,
                logging::ev::unbind_sent,
                "session={} account={} peer={} reason=server_stop",
                number_,
                system_id_,
                peer_ip_);
        }
    });
    runDeferred(later);
}

void Session::onDisconnected()
{
    Deferred later;
    withLines([&] {
        if (disconnected_) {
            return;
        }
        disconnected_ = true;
        leaveBoundState(later);
        state_ = SessionState::Closed;
        lines_.add(log_,
            logging::ev::session_closed,
            "session={} account={} peer={}",
            number_,
            system_id_,
            peer_ip_);
    });
    runDeferred(later);
}

bool Session::takeOutput(std::vector<std::uint8_t>& out)
{
    if (out_.empty()) {
        return false;
    }
    if (out.empty()) {
        out.swap(out_);
    } else {
        out.insert(out.end(), out_.begin(), out_.end());
        out_.clear();
    }
    return true;
}

bool Session::closeDue(TimePoint now) const
{
    return close_at_ && *close_at_ <= now;
}

Session::TimePoint Session::nextDeadline() const
{
    TimePoint next = TimePoint::max();
    const auto consider = [&](TimePoint t) { next = std::min(next, t); };
    if (close_at_) {
        consider(*close_at_);
    }
    if (state_ == SessionState::Open) {
        consider(opened_at_ + config_.bind_timeout);
    }
    if (partial_since_) {
        consider(*partial_since_ + config_.partial_pdu_timeout);
    }
    bool enquiring = false; // then the keep-alive waits for its answer (maybeSendKeepAlive)
    for (const auto& [seq, o] : outstanding_) {
        consider(o.deadline == kTimerNotStarted ? last_now_ : o.deadline); // a tick starts it
        enquiring = enquiring || o.kind == OutKind::EnquireLink;
    }
    if (isBound(state_) && config_.keep_alive_interval.count() > 0 && !enquiring) {
        consider(last_rx_ + config_.keep_alive_interval);
    }
    return next;
}

SessionState Session::state() const
{
    return state_;
}

std::string Session::systemId() const
{
    return system_id_;
}

std::uint32_t Session::requestsInFlight() const
{
    return in_flight_;
}

std::uint32_t Session::deliveriesInFlight() const
{
    return deliveries_in_flight_;
}

// ---- input ----------------------------------------------------------------------------------

void Session::handleBytes(std::span<const std::uint8_t> bytes, TimePoint now, Deferred& later)
{
    noteTime(now);
    if (state_ == SessionState::Closed || close_at_ == kCloseImmediately) {
        return;
    }
    bool got_frame = false;
    try {
        splitter_.feed(bytes);
        while (auto frame = splitter_.nextView()) {
            got_frame = true;
            handleFrame(*frame, now, later);
            if (close_at_ == kCloseImmediately) {
                return;
            }
        }
    } catch (const smpp::FrameError& e) {
        // Checklist §1 rows 1-2: generic_nack 0x02, close without reading the body.
        lines_.add(log_,
            logging::ev::framing_error,
            "session={} peer={} account={} error={}",
            number_,
            peer_ip_,
            system_id_,
            logging::quoted(e.what()));
        sendGenericNack(e.status(), e.sequenceNumber());
        closeNow();
        return;
    }
    if (!splitter_.hasPartial()) {
        partial_since_.reset();
    } else if (got_frame || !partial_since_) {
        partial_since_ = now;
    }
}

void Session::handleFrame(std::span<const std::uint8_t> frame, TimePoint now, Deferred& later)
{
    last_rx_ = now;
    const smpp::Header header = smpp::peekHeader(frame);
    if (services_.observer != nullptr) {
        services_.observer->pdu(false, header.command_id, header.command_status);
    }
    // Log.PduTrace: the decoded fields (passwords masked) of every frame; decoding twice is
    // paid only when the trace is on.
    if (pdu_log_.trace()) {
        pdu_log_.trace(fmt::format("peer={} {}", peer_ip_, smpp::traceWire(frame, "in", false)));
    }
    if (!isRequestAnSmscTakes(header)) {
        return;
    }
    if (smpp::isResponse(header.command_id)) {
        handleResponse(header, later); // row 5
        return;
    }
    const auto id = static_cast<CommandId>(header.command_id);
    if (!stateAllows(id, header)) { // row 6
        return;
    }
    smpp::Pdu pdu;
    try {
        pdu = smpp::decode(frame);
    } catch (const smpp::DecodeError& e) { // rows 7-8 (structural)
        refuseUndecodable(header, e, now);
        return;
    }
    dispatch(std::move(pdu), now, later);
}

bool Session::isRequestAnSmscTakes(const smpp::Header& header)
{
    // Checklist §1 row 3: an unknown id is answered before any state check; row 4 (POLICY):
    // requests only an SMSC sends.
    const auto id = static_cast<CommandId>(header.command_id);
    if (!smpp::isKnown(header.command_id) || id == CommandId::DeliverSm
        || id == CommandId::AlertNotification || id == CommandId::Outbind) {
        sendGenericNack(CommandStatus::InvalidCommandId, header.sequence_number);
        return false;
    }
    return true;
}

void Session::refuseUndecodable(
    const smpp::Header& header, const smpp::DecodeError& error, TimePoint now)
{
    lines_.add(log_,
        logging::ev::request_refused,
        "session={} peer={} account={} command={:#010x} seq={} status={:#x} error={}",
        number_,
        peer_ip_,
        system_id_,
        header.command_id,
        header.sequence_number,
        smpp::toWire(error.status()),
        logging::quoted(error.what()));
    sendErrorResponse(header.command_id, error.status(), header.sequence_number);
    if (isBindRequest(static_cast<CommandId>(header.command_id))) {
        // Like any failed bind (a wrong password, row 16): answered, then closed.
        services_.bind_guard.recordFailure(peer_ip_, now);
        closeNow();
    }
}

bool Session::stateAllows(CommandId id, const smpp::Header& header)
{
    auto status = CommandStatus::Ok;
    if (id == CommandId::EnquireLink) {
        return true; // answered in every state (checklist §8)
    }
    if (isBindRequest(id)) {
        if (isBound(state_)) {
            status = CommandStatus::AlreadyBound;
        } else if (state_ != SessionState::Open) {
            status = CommandStatus::IncorrectBindStatus;
        }
    } else if (id == CommandId::Unbind) {
        if (!isBound(state_)) {
            status = CommandStatus::IncorrectBindStatus;
        }
    } else if (isMessageRequest(id)) {
        if (state_ != SessionState::BoundTx && state_ != SessionState::BoundTrx) {
            status = CommandStatus::IncorrectBindStatus;
        }
    }
    if (status == CommandStatus::Ok) {
        return true;
    }
    sendErrorResponse(header.command_id, status, header.sequence_number);
    return false;
}

void Session::handleResponse(const smpp::Header& header, Deferred& later)
{
    const auto outstanding = takeOutstanding(header);
    if (!outstanding) {
        return;
    }
    switch (outstanding->kind) {
    case OutKind::EnquireLink:
        break;
    case OutKind::Unbind:
        lines_.add(log_,
            logging::ev::unbind_resp_received,
            "session={} account={} peer={}",
            number_,
            system_id_,
            peer_ip_);
        closeNow();
        break;
    case OutKind::Deliver:
        onDeliverSmResp(*outstanding, header, later);
        break;
    }
}

std::optional<Session::Outstanding> Session::takeOutstanding(const smpp::Header& header)
{
    const auto it = outstanding_.find(header.sequence_number);
    const bool nack = header.command_id == smpp::toWire(CommandId::GenericNack);
    const auto expected = [](OutKind kind) {
        return kind == OutKind::EnquireLink ? CommandId::EnquireLinkResp
            : kind == OutKind::Unbind       ? CommandId::UnbindResp
                                            : CommandId::DeliverSmResp;
    };
    if (it == outstanding_.end()
        || (!nack && header.command_id != smpp::toWire(expected(it->second.kind)))) {
        lines_.add(log_,
            it == outstanding_.end() ? logging::ev::unsolicited_response
                                     : logging::ev::unexpected_response,
            "session={} peer={} command={:#010x} seq={}",
            number_,
            peer_ip_,
            header.command_id,
            header.sequence_number);
        return std::nullopt;
    }
    const Outstanding outstanding = it->second;
    outstanding_.erase(it);
    return outstanding;
}

void Session::onDeliverSmResp(const Outstanding& o, const smpp::Header& header, Deferred& later)
{
    auto status = static_cast<CommandStatus>(header.command_status);
    if (header.command_id == smpp::toWire(CommandId::GenericNack) && status == CommandStatus::Ok) {
        status = CommandStatus::SystemError; // a nack is never a success
    }
    --deliveries_in_flight_;
    lines_.add(log_,
        logging::ev::deliver_sm_answered,
        FMT_COMPILE("account={} session={} seq={} kind={} message_id={} status={:#x}"),
        system_id_,
        number_,
        header.sequence_number,
        kindName(o.delivery_kind),
        o.message_id,
        smpp::toWire(status));
    if (services_.router != nullptr) {
        later.push_back([router = services_.router, id = o.delivery_id, status] {
            router->onDeliveryResponse(id, status);
        });
    }
}

void Session::dispatch(smpp::Pdu&& pdu, TimePoint now, Deferred& later)
{
    const auto seq = pdu.sequence_number;
    std::visit(
        [&](auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, smpp::EnquireLink>) {
                sendResponse(smpp::EnquireLinkResp{}, CommandStatus::Ok, seq);
            } else if constexpr (
                std::is_same_v<T,
                    smpp::
                        BindTransmitter> || std::is_same_v<T, smpp::BindReceiver> || std::is_same_v<T, smpp::BindTransceiver>) {
                onBind(body, seq, now, later);
            } else if constexpr (std::is_same_v<T, smpp::Unbind>) {
                onUnbind(seq, now, later);
            } else if constexpr (std::is_same_v<T, smpp::SubmitSm>) {
                onSubmitSm(body, seq, now, later);
            } else if constexpr (std::is_same_v<T, smpp::DataSm>) {
                onDataSm(body, seq, now, later);
            } else if constexpr (std::is_same_v<T, smpp::SubmitMulti>) {
                onSubmitMulti(body, seq, now, later);
            } else if constexpr (std::is_same_v<T, smpp::QuerySm>) {
                onQuerySm(body, seq, later);
            } else if constexpr (std::is_same_v<T, smpp::CancelSm>) {
                onCancelSm(body, seq, later);
            } else if constexpr (std::is_same_v<T, smpp::ReplaceSm>) {
                onReplaceSm(body, seq, now, later);
            } else {
                sendGenericNack(CommandStatus::InvalidCommandId, seq);
            }
        },
        pdu.body);
}

// ---- timers ---------------------------------------------------------------------------------

void Session::handleTick(TimePoint now, Deferred& later)
{
    noteTime(now);
    if (state_ == SessionState::Closed || close_at_ == kCloseImmediately) {
        return;
    }
    if (state_ == SessionState::Open && now - opened_at_ >= config_.bind_timeout) {
        lines_.add(log_,
            logging::ev::bind_timeout,
            "session={} peer={} after_s={}",
            number_,
            peer_ip_,
            config_.bind_timeout.count());
        closeNow();
        return;
    }
    if (partial_since_ && now - *partial_since_ >= config_.partial_pdu_timeout) {
        // Checklist §1: a partial PDU still incomplete after the read timer.
        lines_.add(log_,
            logging::ev::partial_pdu_timeout,
            "session={} peer={} account={} buffered={}",
            number_,
            peer_ip_,
            system_id_,
            splitter_.buffered());
        sendGenericNack(CommandStatus::InvalidCommandLength, 0);
        closeNow();
        return;
    }
    expireOutstanding(now, later);
    maybeSendKeepAlive(now);
}

void Session::expireOutstanding(TimePoint now, Deferred& later)
{
    for (auto it = outstanding_.begin(); it != outstanding_.end();) {
        if (it->second.deadline == kTimerNotStarted) {
            it->second.deadline = now + config_.response_timeout;
        }
        if (it->second.deadline > now) {
            ++it;
            continue;
        }
        const Outstanding o = it->second;
        it = outstanding_.erase(it);
        if (o.kind == OutKind::Deliver) {
            --deliveries_in_flight_;
            lines_.add(log_,
                logging::ev::deliver_sm_timeout,
                "account={} session={} kind={} message_id={} delivery_id={}",
                system_id_,
                number_,
                kindName(o.delivery_kind),
                o.message_id,
                o.delivery_id);
            if (services_.router != nullptr) {
                later.push_back([router = services_.router, id = o.delivery_id] {
                    router->onDeliveryTimeout(id);
                });
            }
        } else {
            lines_.add(log_,
                logging::ev::no_response,
                "session={} peer={} account={} request={}",
                number_,
                peer_ip_,
                system_id_,
                o.kind == OutKind::EnquireLink ? "enquire_link" : "unbind");
            closeNow();
        }
    }
}

void Session::maybeSendKeepAlive(TimePoint now)
{
    if (close_at_ || !isBound(state_) || config_.keep_alive_interval.count() <= 0
        || now - last_rx_ < config_.keep_alive_interval) {
        return;
    }
    for (const auto& [seq, o] : outstanding_) {
        if (o.kind == OutKind::EnquireLink) {
            return; // one at a time
        }
    }
    const auto seq = nextSequence();
    send(smpp::Pdu{.sequence_number = seq, .body = smpp::EnquireLink{}});
    outstanding_[seq] = Outstanding{OutKind::EnquireLink, now + config_.response_timeout, 0};
}

// ---- bind / unbind --------------------------------------------------------------------------

template <CommandId Id>
void Session::onBind(
    const smpp::BindRequest<Id>& bind, std::uint32_t seq, TimePoint now, Deferred& later)
{
    using Resp = BindRespFor<Id>;
    const Account* account = nullptr;
    auto status = authorizeBind(bind.system_id, bind.password, now, account);
    if (status == CommandStatus::Ok
        && !services_.registry.tryAcquire(bind.system_id, account->max_sessions)) {
        status = CommandStatus::BindFailed; // Server.MaxSessionsPerAccount (checklist §2)
    }
    if (status != CommandStatus::Ok) {
        logBindRefused(bind.system_id, status);
        sendResponse(Resp{.system_id = config_.smsc_identifier}, status, seq);
        closeNow(); // failed bind: resp, then close (cloudhopper)
        return;
    }
    enterBoundState(boundStateFor<Id>(), bind.system_id, bind.interface_version, *account);
    Resp resp{.system_id = config_.smsc_identifier};
    if (tlvs_allowed_) {
        resp.sc_interface_version = 0x34; // checklist §2: cloudhopper's rule
    }
    sendResponse(std::move(resp), CommandStatus::Ok, seq);
    lines_.add(log_,
        logging::ev::bound,
        "session={} account={} mode={} peer={} interface_version={:#04x}",
        number_,
        system_id_,
        toString(state_),
        peer_ip_,
        interface_version_);
    if (state_ != SessionState::BoundTx && services_.router != nullptr) {
        attached_ = true;
        ReceiverInfo info{system_id_, interface_version_, bind.address_range};
        later.push_back([router = services_.router, self = shared_from_this(), info] {
            router->attach(self, info);
        });
    }
}

void Session::logBindRefused(const std::string& system_id, CommandStatus status)
{
    lines_.add(log_,
        logging::ev::bind_refused,
        "session={} peer={} account={} status={:#x} reason={}",
        number_,
        peer_ip_,
        logging::quoted(system_id),
        smpp::toWire(status),
        smpp::name(status));
}

void Session::enterBoundState(SessionState bound,
    const std::string& system_id,
    std::uint8_t interface_version,
    const Account& account)
{
    holds_slot_ = true;
    system_id_ = system_id;
    interface_version_ = interface_version;
    tlvs_allowed_ = interface_version >= 0x34;
    state_ = bound;
    bound_as_ = bound;
    if (services_.observer != nullptr) {
        services_.observer->bound(system_id_, state_);
    }
    throttle_ =
        RateLimiter(account.throttle_rate != 0 ? account.throttle_rate : config_.throttle_rate);
}

CommandStatus Session::authorizeBind(const std::string& system_id,
    const std::string& password,
    TimePoint now,
    const Account*& account)
{
    if (services_.bind_guard.isLockedOut(peer_ip_, now)) {
        return CommandStatus::BindFailed; // too many failed binds from this address lately
    }
    const auto result = services_.authenticator.authenticate(system_id, password, peer_ip_);
    if (result.status != CommandStatus::Ok) {
        services_.bind_guard.recordFailure(peer_ip_, now);
        return result.status;
    }
    services_.bind_guard.recordSuccess(peer_ip_);
    account = result.account;
    return CommandStatus::Ok;
}

void Session::onUnbind(std::uint32_t seq, TimePoint now, Deferred& later)
{
    lines_.add(log_,
        logging::ev::unbind_received,
        "session={} account={} peer={} in_flight={}",
        number_,
        system_id_,
        peer_ip_,
        in_flight_);
    leaveBoundState(later);
    state_ = SessionState::Unbound; // new requests now get 0x04 (checklist §8)
    unbind_seq_ = seq;
    finishUnbindIfIdle(now);
}

void Session::finishUnbindIfIdle(TimePoint now)
{
    if (!unbind_seq_ || in_flight_ != 0) {
        return;
    }
    sendResponse(smpp::UnbindResp{}, CommandStatus::Ok, *unbind_seq_);
    unbind_seq_.reset();
    closeAt(now + config_.disconnect_after_logout);
}

void Session::leaveBoundState(Deferred& later)
{
    if (holds_slot_) {
        holds_slot_ = false;
        services_.registry.release(system_id_);
        if (services_.observer != nullptr) {
            services_.observer->unbound(system_id_, bound_as_);
        }
    }
    if (attached_) {
        attached_ = false;
        // The Router requeues what is in flight; later responses for them are not reported.
        std::erase_if(
            outstanding_, [](const auto& item) { return item.second.kind == OutKind::Deliver; });
        deliveries_in_flight_ = 0;
        later.push_back(
            [router = services_.router, self = shared_from_this()] { router->detach(*self); });
    }
}

// ---- message requests -----------------------------------------------------------------------

bool Session::admitSubmit(CommandId request, std::uint32_t seq, TimePoint now)
{
    // Checklist §8: excess requests are answered at once with 0x58, never dropped or stalled.
    if (in_flight_ >= config_.window_size || !throttle_.tryAcquire(now)) {
        sendErrorResponse(smpp::toWire(request), CommandStatus::Throttled, seq);
        return false;
    }
    return true;
}

void Session::onSubmitSm(
    const smpp::SubmitSm& pdu, std::uint32_t seq, TimePoint now, Deferred& later)
{
    if (!admitSubmit(CommandId::SubmitSm, seq, now)) {
        return;
    }
    const auto wall = services_.wall_clock();
    const auto status = smpp::validateSubmitSm(pdu, interface_version_, wall);
    if (status != CommandStatus::Ok) {
        sendResponse(smpp::SubmitSmResp{}, status, seq);
        return;
    }
    submitMessage(messageFromSubmitSm(pdu, system_id_, wall), seq, false, later);
}

void Session::onDataSm(const smpp::DataSm& pdu, std::uint32_t seq, TimePoint now, Deferred& later)
{
    if (!admitSubmit(CommandId::DataSm, seq, now)) {
        return;
    }
    const auto status = smpp::validateDataSm(pdu, interface_version_);
    if (status != CommandStatus::Ok) {
        sendResponse(smpp::DataSmResp{}, status, seq);
        return;
    }
    submitMessage(messageFromDataSm(pdu, system_id_, services_.wall_clock()), seq, true, later);
}

void Session::submitMessage(Message message, std::uint32_t seq, bool data_sm, Deferred& later)
{
    ++in_flight_;
    // One deferred call per received chunk carries all its submits (no allocation per PDU).
    if (pending_submits_.empty()) {
        later.push_back([this, self = shared_from_this()] { issueSubmits(); });
    }
    pending_submits_.push_back(PendingSubmit{std::move(message), seq, data_sm});
}

void Session::issueSubmits()
{
    std::vector<PendingSubmit> batch;
    batch.swap(pending_submits_);
    const std::weak_ptr<Session> weak = weak_from_this();
    for (auto& p : batch) {
        std::string dest = p.message.destination_addr; // copied before the message moves
        services_.messages.submit(std::move(p.message),
            [weak, seq = p.seq, data_sm = p.data_sm, dest = std::move(dest)](
                const MessageService::SubmitResult& r) {
                if (const auto self = weak.lock()) {
                    self->completed([&](Session& s) { s.finishSubmit(r, seq, data_sm, dest); });
                }
            });
    }
}

void Session::finishSubmit(const MessageService::SubmitResult& result,
    std::uint32_t seq,
    bool data_sm,
    const std::string& dest)
{
    const auto status = result.status;
    const auto id = status == CommandStatus::Ok ? formatId(result.id) : std::string{};
    if (data_sm) {
        sendResponse(smpp::DataSmResp{.message_id = id}, status, seq);
    } else {
        sendResponse(smpp::SubmitSmResp{.message_id = id}, status, seq);
    }
    if (status == CommandStatus::Ok) {
        lines_.add(log_,
            logging::ev::submit_accepted,
            FMT_COMPILE("account={} session={} seq={} dest={} message_id={}"),
            system_id_,
            number_,
            seq,
            logging::quoted(dest),
            result.id); // the store's id, in decimal, whatever Server.MessageIdFormat
    } else if (result.fault) {
        // Logged once by the fault's owner (event=store_failed ... event=store_recovered) and
        // counted in smppd_pdus_total by status: one line per refused submit would bury it.
        lines_.add(log_,
            logging::ev::submit_refused,
            "account={} session={} seq={} status={:#x} reason={}",
            system_id_,
            number_,
            seq,
            smpp::toWire(status),
            smpp::name(status));
    } else {
        lines_.add(log_,
            logging::ev::submit_failed,
            "account={} session={} seq={} status={:#x} reason={}",
            system_id_,
            number_,
            seq,
            smpp::toWire(status),
            smpp::name(status));
    }
    requestDone();
}

void Session::onSubmitMulti(
    const smpp::SubmitMulti& pdu, std::uint32_t seq, TimePoint now, Deferred& later)
{
    if (!admitSubmit(CommandId::SubmitMulti, seq, now)) {
        return;
    }
    const auto wall = services_.wall_clock();
    const auto status = smpp::validateSubmitMulti(pdu, interface_version_, wall);
    if (status != CommandStatus::Ok) {
        sendResponse(smpp::SubmitMultiResp{}, status, seq);
        return;
    }
    auto batch = std::make_shared<MultiSubmit>();
    for (const auto& dest : pdu.dest_addresses) {
        if (dest.dest_flag != smpp::DestAddress::kSme) {
            batch->resp.unsuccess_smes.push_back(smpp::UnsuccessSme{dest.dest_addr_ton,
                dest.dest_addr_npi,
                dest.destination_addr,
                smpp::toWire(CommandStatus::CannotSubmitToDistributionList)});
        }
    }
    auto messages = messagesFromSubmitMulti(pdu, system_id_, wall);
    if (messages.empty()) {
        sendResponse(std::move(batch->resp), CommandStatus::CannotSubmitToDistributionList, seq);
        return;
    }
    batch->remaining = messages.size();
    ++in_flight_;
    later.push_back([self = shared_from_this(), ms = std::move(messages), batch, seq]() mutable {
        self->submitEach(std::move(ms), batch, seq);
    });
}

void Session::submitEach(
    std::vector<Message> messages, const std::shared_ptr<MultiSubmit>& batch, std::uint32_t seq)
{
    for (auto& m : messages) {
        const smpp::UnsuccessSme dest{m.dest_addr_ton, m.dest_addr_npi, m.destination_addr, 0};
        services_.messages.submit(std::move(m),
            [weak = weak_from_this(), batch, seq, dest](const MessageService::SubmitResult& r) {
                if (const auto self = weak.lock()) {
                    self->completed([&](Session& s) { s.finishMultiPart(*batch, dest, r, seq); });
                }
            });
    }
}

void Session::finishMultiPart(MultiSubmit& batch,
    const smpp::UnsuccessSme& dest,
    const MessageService::SubmitResult& result,
    std::uint32_t seq)
{
    if (result.status == CommandStatus::Ok) {
        if (batch.resp.message_id.empty()) {
            batch.resp.message_id = formatId(result.id);
        }
        lines_.add(log_,
            logging::ev::submit_accepted,
            FMT_COMPILE("account={} session={} seq={} message_id={} dest={} multi=1"),
            system_id_,
            number_,
            seq,
            result.id,
            logging::quoted(dest.destination_addr));
    } else {
        auto failed = dest;
        failed.error_status_code = smpp::toWire(result.status);
        batch.resp.unsuccess_smes.push_back(std::move(failed));
        if (batch.first_error == CommandStatus::Ok) {
            batch.first_error = result.status;
        }
    }
    if (--batch.remaining > 0) {
        return;
    }
    const auto status = batch.resp.message_id.empty() ? batch.first_error : CommandStatus::Ok;
    sendResponse(std::move(batch.resp), status, seq);
    requestDone();
}

void Session::onQuerySm(const smpp::QuerySm& pdu, std::uint32_t seq, Deferred& later)
{
    const auto status = smpp::validateQuerySm(pdu);
    const auto id = parseMessageId(pdu.message_id, config_.message_id_format);
    if (status != CommandStatus::Ok || !id) {
        sendResponse(smpp::QuerySmResp{}, id ? status : CommandStatus::QueryFailed, seq);
        return;
    }
    ++in_flight_;
    later.push_back([svc = &services_.messages,
                        weak = weak_from_this(),
                        id = *id,
                        origin = system_id_,
                        message_id = pdu.message_id,
                        seq] {
        svc->query(id, origin, [weak, message_id, seq](const MessageService::QueryResult& r) {
            if (const auto self = weak.lock()) {
                self->completed([&](Session& s) { s.finishQuery(r, message_id, seq); });
            }
        });
    });
}

void Session::finishQuery(
    const MessageService::QueryResult& result, const std::string& message_id, std::uint32_t seq)
{
    if (result.status != CommandStatus::Ok || !result.message) {
        sendResponse(smpp::QuerySmResp{}, CommandStatus::QueryFailed, seq);
    } else {
        const Message& m = *result.message;
        smpp::QuerySmResp resp{.message_id = message_id,
            .message_state = static_cast<std::uint8_t>(m.state),
            .error_code = static_cast<std::uint8_t>(std::clamp(m.error_code, 0, 255))};
        if (m.isFinal() && m.done_time) {
            resp.final_date = smpp::formatSmppTime(*m.done_time);
        }
        sendResponse(std::move(resp), CommandStatus::Ok, seq);
    }
    requestDone();
}

void Session::onCancelSm(const smpp::CancelSm& pdu, std::uint32_t seq, Deferred& later)
{
    auto status = smpp::validateCancelSm(pdu);
    MessageService::CancelRequest request{
        system_id_, 0, pdu.service_type, pdu.source_addr, pdu.destination_addr};
    if (status == CommandStatus::Ok && !pdu.message_id.empty()) {
        const auto id = parseMessageId(pdu.message_id, config_.message_id_format);
        status = id ? status : CommandStatus::CancelFailed;
        request.id = id.value_or(0);
    }
    if (status != CommandStatus::Ok) {
        sendResponse(smpp::CancelSmResp{}, status, seq);
        return;
    }
    ++in_flight_;
    later.push_back([svc = &services_.messages, weak = weak_from_this(), request, seq]() mutable {
        svc->cancel(std::move(request), [weak, seq](CommandStatus st) {
            if (const auto self = weak.lock()) {
                self->completed([&](Session& s) {
                    s.sendResponse(smpp::CancelSmResp{}, st, seq);
                    s.requestDone();
                });
            }
        });
    });
}

void Session::onReplaceSm(
    const smpp::ReplaceSm& pdu, std::uint32_t seq, TimePoint now, Deferred& later)
{
    (void)now;
    const auto wall = services_.wall_clock();
    auto status = smpp::validateReplaceSm(pdu, interface_version_, wall);
    const auto id = parseMessageId(pdu.message_id, config_.message_id_format);
    if (status == CommandStatus::Ok && !id) {
        status = CommandStatus::ReplaceFailed;
    }
    if (status != CommandStatus::Ok) {
        sendResponse(smpp::ReplaceSmResp{}, status, seq);
        return;
    }
    MessageService::ReplaceRequest request{system_id_,
        *id,
        pdu.source_addr,
        pdu.short_message,
        std::nullopt,
        std::nullopt,
        pdu.registered_delivery};
    if (!pdu.schedule_delivery_time.empty()) {
        request.schedule_time = smpp::parseSmppTime(pdu.schedule_delivery_time, wall);
    }
    if (!pdu.validity_period.empty()) {
        request.expiry_time = smpp::parseSmppTime(pdu.validity_period, wall);
    }
    ++in_flight_;
    later.push_back([svc = &services_.messages, weak = weak_from_this(), request, seq]() mutable {
        svc->replace(std::move(request), [weak, seq](CommandStatus st) {
            if (const auto self = weak.lock()) {
                self->completed([&](Session& s) {
                    s.sendResponse(smpp::ReplaceSmResp{}, st, seq);
                    s.requestDone();
                });
            }
        });
    });
}

void Session::requestDone()
{
    if (in_flight_ > 0) {
        --in_flight_;
    }
    finishUnbindIfIdle(last_now_);
}

// ---- outbound deliver_sm (DeliverySink) -----------------------------------------------------

bool Session::hasRoom() const
{
    return canDeliver();
}

bool Session::canDeliver() const
{
    return (state_ == SessionState::BoundRx || state_ == SessionState::BoundTrx) && !close_at_
        && attached_ && deliveries_in_flight_ < config_.outbound_window;
}

bool Session::offer(const OutboundItem& item)
{
    return withLines([&] { return queueDeliverSm(item); });
}

bool Session::queueDeliverSm(const OutboundItem& item)
{
    if (!canDeliver()) {
        lines_.add(log_,
            logging::ev::deliver_sm_refused,
            "account={} session={} state={} in_flight={} delivery_id={}",
            system_id_,
            number_,
            toString(state_),
            deliveries_in_flight_,
            item.delivery_id);
        return false;
    }
    const auto seq = nextSequence();
    if (!sendDeliverSm(item, seq)) {
        return false;
    }
    outstanding_[seq] = Outstanding{OutKind::Deliver,
        kTimerNotStarted, // started by the next tick, when the connection sends it
        item.delivery_id,
        item.message_id,
        item.kind};
    ++deliveries_in_flight_;
    lines_.add(log_,
        logging::ev::deliver_sm_sent,
        FMT_COMPILE("account={} session={} seq={} kind={} message_id={} delivery_id={}"),
        system_id_,
        number_,
        seq,
        kindName(item.kind),
        item.message_id,
        item.delivery_id);
    if (wakeup_) {
        wakeup_();
    }
    return true;
}

bool Session::sendDeliverSm(const OutboundItem& item, std::uint32_t seq)
{
    smpp::Pdu pdu{.sequence_number = seq, .body = item.pdu};
    if (!tlvs_allowed_) {
        std::get<smpp::DeliverSm>(pdu.body).tlvs = smpp::Tlvs{}; // checklist §2: never TLVs < 0x34
    }
    try {
        send(pdu);
    } catch (const std::invalid_argument& e) {
        lines_.add(log_,
            logging::ev::deliver_sm_unencodable,
            "account={} session={} message_id={} error={}",
            system_id_,
            number_,
            item.message_id,
            logging::quoted(e.what()));
        return false;
    }
    return true;
}

// ---- output helpers -------------------------------------------------------------------------

void Session::send(const smpp::Pdu& pdu)
{
    const auto before = out_.size();
    smpp::encodeTo(pdu, out_);
    if (services_.observer != nullptr) {
        services_.observer->pdu(
            true, smpp::toWire(smpp::commandId(pdu)), smpp::toWire(pdu.command_status));
    }
    if (pdu_log_.trace()) {
        const std::span<const std::uint8_t> raw(out_.data() + before, out_.size() - before);
        pdu_log_.trace(fmt::format("peer={} {}", peer_ip_, smpp::tracePdu(pdu, "out", false, raw)));
    }
}

void Session::sendResponse(smpp::Body body, CommandStatus status, std::uint32_t seq)
{
    send(smpp::Pdu{.command_status = status, .sequence_number = seq, .body = std::move(body)});
}

void Session::sendErrorResponse(std::uint32_t command_id, CommandStatus status, std::uint32_t seq)
{
    sendResponse(errorResponseBody(static_cast<CommandId>(command_id), config_.smsc_identifier),
        status,
        seq);
}

void Session::sendGenericNack(CommandStatus status, std::uint32_t seq)
{
    sendResponse(smpp::GenericNack{}, status, seq);
}

std::uint32_t Session::nextSequence()
{
    const auto seq = next_seq_;
    next_seq_ = next_seq_ >= 0x7FFFFFFFU ? 1U : next_seq_ + 1U; // checklist §1: wrap to 1
    return seq;
}

void Session::closeAt(TimePoint when)
{
    if (!close_at_ || when < *close_at_) {
        close_at_ = when;
    }
}

void Session::closeNow()
{
    close_at_ = kCloseImmediately;
}

void Session::noteTime(TimePoint now)
{
    last_now_ = std::max(last_now_, now);
}

std::string Session::formatId(std::int64_t id) const
{
    return formatMessageId(id, config_.message_id_format);
}

void Session::runDeferred(Deferred& later)
{
    for (auto& fn : later) {
        fn();
    }
}

} // namespace smppd
