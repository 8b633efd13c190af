#pragma once

#include "common/smpp/Codec.h"
#include "common/smpp/FrameSplitter.h"
#include "smppd/routing/DeliveryRouter.h"
#include "smppd/session/Authenticator.h"
#include "smppd/session/BindGuard.h"
#include "smppd/session/MessageService.h"
#include "smppd/session/Session.h"
#include "smppd/session/SessionObserver.h"
#include "smppd/session/SessionRegistry.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace smppd::test {

using namespace std::chrono_literals;

/// MessageService whose completions the test runs when it chooses (no threads, no sleeps).
class FakeMessages : public MessageService {
public:
    struct PendingSubmit {
        Message message;
        SubmitDone done;
    };

    void submit(Message message, SubmitDone done) override
    {
        if (auto_status) {
            done(SubmitResult{*auto_status, next_id++});
            submitted.push_back(std::move(message));
            return;
        }
        pending.push_back(PendingSubmit{std::move(message), std::move(done)});
    }

    void query(std::int64_t id, const std::string& origin, QueryDone done) override
    {
        queried.push_back(id);
        (void)origin;
        for (const auto& m : stored) {
            if (m.id == id) {
                done(QueryResult{smpp::CommandStatus::Ok, m});
                return;
            }
        }
        done(QueryResult{smpp::CommandStatus::QueryFailed, std::nullopt});
    }

    void cancel(CancelRequest request, StatusDone done) override
    {
        done(finalStatus(request.id, smpp::CommandStatus::CancelFailed));
    }

    void replace(ReplaceRequest request, StatusDone done) override
    {
        done(finalStatus(request.id, smpp::CommandStatus::ReplaceFailed));
    }

    /// Completes the oldest pending submit (or the one at `index`) with status and a new id.
    std::int64_t complete(
        std::size_t index = 0, smpp::CommandStatus status = smpp::CommandStatus::Ok)
    {
        auto p = std::move(pending.at(index));
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(index));
        const auto id = next_id++;
        submitted.push_back(p.message);
        p.done(SubmitResult{status, id});
        return id;
    }

    std::optional<smpp::CommandStatus> auto_status; ///< set: complete at once with it
    std::deque<PendingSubmit> pending;
    std::vector<Message> submitted;
    std::vector<Message> stored; ///< what query/cancel/replace see
    std::vector<std::int64_t> queried;
    std::int64_t next_id = 1000;

private:
    smpp::CommandStatus finalStatus(std::int64_t id, smpp::CommandStatus refusal) const
    {
        for (const auto& m : stored) {
            if (m.id == id) {
                return m.isFinal() ? refusal : smpp::CommandStatus::Ok;
            }
        }
        return refusal;
    }
};

/// DeliveryRouter that records what the session reports.
class FakeRouter : public DeliveryRouter {
public:
    void attach(const std::shared_ptr<DeliverySink>& sink, const ReceiverInfo& info) override
    {
        sinks.push_back(sink);
        infos.push_back(info);
    }
    void detach(const DeliverySink& sink) override { detached.push_back(&sink); }
    void onDeliveryResponse(std::uint64_t delivery_id, smpp::CommandStatus status) override
    {
        responses.emplace_back(delivery_id, status);
    }
    void onDeliveryTimeout(std::uint64_t delivery_id) override { timeouts.push_back(delivery_id); }

    std::vector<std::shared_ptr<DeliverySink>> sinks;
    std::vector<ReceiverInfo> infos;
    std::vector<const DeliverySink*> detached;
    std::vector<std::pair<std::uint64_t, smpp::CommandStatus>> responses;
    std::vector<std::uint64_t> timeouts;
};

/// SessionObserver that counts what it is told.
class FakeObserver : public SessionObserver {
public:
    void pdu(bool out, std::uint32_t, std::uint32_t) noexcept override
    {
        ++(out ? pdus_out : pdus_in);
    }
    void bound(const std::string& system_id, SessionState state) override
    {
        events.push_back("bound " + system_id + " " + std::string(toString(state)));
    }
    void unbound(const std::string& system_id, SessionState state) override
    {
        events.push_back("unbound " + system_id + " " + std::string(toString(state)));
    }
    void connectionOpened() noexcept override { }
    void connectionClosed() noexcept override { }

    int pdus_in = 0;
    int pdus_out = 0;
    std::vector<std::string> events;
};

inline std::vector<Account> testAccounts()
{
    Account a;
    a.system_id = "esme1";
    a.password = "secret";
    a.max_sessions = 2;
    Account b;
    b.system_id = "esme2";
    b.password = "pw2";
    b.max_sessions = 1;
    return {a, b};
}

/// Everything a Session needs, with the time under the test's control.
struct Harness {
    using TimePoint = Session::TimePoint;

    explicit Harness(Authenticator::Options auth_options = {})
        : authenticator(testAccounts(), auth_options)
    {
        config.smsc_identifier = "SMSC";
        config.keep_alive_interval = 60s;
        config.bind_timeout = 30s;
        config.response_timeout = 30s;
        config.disconnect_after_logout = 100ms;
        config.window_size = 10;
        config.outbound_window = 2;
    }

    std::shared_ptr<Session> open(const std::string& peer = "127.0.0.1")
    {
        SessionServices services{
            authenticator, guard, registry, messages, &router, &observer, [this] { return wall; }};
        auto s = Session::create(config, services, peer, now);
        s->setWakeup([this] { ++wakeups; });
        return s;
    }

    SessionConfig config;
    Authenticator authenticator;
    BindGuard guard;
    SessionRegistry registry;
    FakeMessages messages;
    FakeRouter router;
    FakeObserver observer;
    TimePoint now = TimePoint{} + 1000h;
    smpp::TimePoint wall = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 10h;
    int wakeups = 0;
};

/// The ESME side of a unit test: encodes requests into a Session and decodes what it wrote.
class Peer {
public:
    Peer(Harness& h, std::shared_ptr<Session> s) : h_(h), s_(std::move(s)) { }

    Session& session() { return *s_; }
    const std::shared_ptr<Session>& ptr() { return s_; }

    void sendBytes(const std::vector<std::uint8_t>& bytes) { s_->onBytes(bytes, h_.now); }

    void send(const smpp::Pdu& pdu) { sendBytes(smpp::encode(pdu)); }

    template <typename Body>
    void send(std::uint32_t seq, Body body)
    {
        send(smpp::Pdu{.sequence_number = seq, .body = std::move(body)});
    }

    /// Every whole PDU the session wrote since the last call.
    std::vector<smpp::Pdu> received()
    {
        std::vector<std::uint8_t> out;
        s_->takeOutput(out);
        raw_.insert(raw_.end(), out.begin(), out.end());
        splitter_.feed(out);
        std::vector<smpp::Pdu> pdus;
        while (auto frame = splitter_.next()) {
            pdus.push_back(smpp::decode(*frame));
            frames_.push_back(*frame);
        }
        return pdus;
    }

    /// The raw bytes of the frames returned by received() so far.
    const std::vector<std::vector<std::uint8_t>>& frames() const { return frames_; }

    /// Exactly one PDU written since the last call.
    smpp::Pdu one()
    {
        auto pdus = received();
        if (pdus.size() != 1) {
            throw std::runtime_error(
                "expected exactly one PDU, got " + std::to_string(pdus.size()));
        }
        return pdus.front();
    }

    bool closing() const { return s_->closeDue(h_.now); }

    /// Binds as TRX (esme1/secret, version 0x34) and drops the response.
    void bindTrx(std::uint8_t version = 0x34,
        const std::string& system_id = "esme1",
        const std::string& password = "secret")
    {
        send(1,
            smpp::BindTransceiver{
                .system_id = system_id, .password = password, .interface_version = version});
        received();
    }

private:
    Harness& h_;
    std::shared_ptr<Session> s_;
    smpp::FrameSplitter splitter_{1 << 20};
    std::vector<std::uint8_t> raw_;
    std::vector<std::vector<std::uint8_t>> frames_;
};

inline smpp::SubmitSm validSubmit(const std::string& text = "hello")
{
    return smpp::SubmitSm{.source_addr_ton = 1,
        .source_addr_npi = 1,
        .source_addr = "33600000001",
        .dest_addr_ton = 1,
        .dest_addr_npi = 1,
        .destination_addr = "33612345678",
        .short_message = text};
}

inline std::vector<std::uint8_t> header(
    std::uint32_t length, std::uint32_t id, std::uint32_t status, std::uint32_t seq)
{
    std::vector<std::uint8_t> out;
    for (const auto v : {length, id, status, seq}) {
        out.push_back(static_cast<std::uint8_t>(v >> 24));
        out.push_back(static_cast<std::uint8_t>(v >> 16));
        out.push_back(static_cast<std::uint8_t>(v >> 8));
        out.push_back(static_cast<std::uint8_t>(v));
    }
    return out;
}

} // namespace smppd::test
