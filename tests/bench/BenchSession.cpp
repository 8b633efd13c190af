#include "tests/bench/BenchSession.h"

#include "common/smpp/Codec.h"
#include "common/smpp/CommandId.h"

#include <algorithm>
#include <cerrno>
#include <functional>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <variant>

namespace bench {
namespace {

constexpr std::uint32_t kBindSeq = 0x7FFFFFFE;
constexpr std::uint32_t kUnbindSeq = 0x7FFFFFFD;
constexpr std::uint32_t kMaxSubmitSeq = 0x7FFF0000;

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t at)
{
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16)
        | (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

/// The C-string starting at body offset 16 (submit_sm_resp message_id), bounded by the frame.
std::string_view cstringAt(std::span<const std::uint8_t> frame, std::size_t at)
{
    if (at >= frame.size()) {
        return {};
    }
    const auto* begin = reinterpret_cast<const char*>(frame.data() + at);
    const auto max = frame.size() - at;
    std::size_t n = 0;
    while (n < max && begin[n] != '\0') {
        ++n;
    }
    return {begin, n};
}

/// The id of a receipt: receipted_message_id, else the `id:` field of the text.
std::string_view receiptId(const smpp::DeliverSm& sm)
{
    if (sm.tlvs.receipted_message_id) {
        return *sm.tlvs.receipted_message_id;
    }
    const std::string_view text = sm.short_message;
    const auto at = text.find("id:");
    if (at == std::string_view::npos) {
        return {};
    }
    const auto start = at + 3;
    const auto end = text.find(' ', start);
    return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

} // namespace

std::uint64_t idKey(std::string_view id)
{
    const bool numeric = !id.empty() && id.size() <= 19
        && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) {
        return std::hash<std::string_view>{}(id) | (std::uint64_t{1} << 63);
    }
    std::uint64_t value = 0;
    for (const char c : id) {
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

BenchSession::BenchSession(int fd,
    const PduTemplates& templates,
    unsigned window,
    double rate,
    bool receipts,
    BenchStats& stats)
    : fd_(fd),
      templates_(templates),
      window_(window),
      rate_(rate),
      receipts_(receipts),
      stats_(stats),
      slot_seq_(window, 0),
      slot_generation_(window, 0),
      slot_sent_ns_(window, 0)
{
    in_.resize(65536);
    free_slots_.reserve(window);
    for (unsigned i = window; i > 0; --i) {
        free_slots_.push_back(i - 1);
    }
    out_.reserve(std::size_t{window} * templates.submit.size() + 4096);
}

BenchSession::~BenchSession()
{
    close();
}

void BenchSession::close()
{
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    state_ = State::Closed;
}

void BenchSession::fail()
{
    if (state_ != State::Unbinding && state_ != State::Closed) {
        ++stats_.disconnects;
    }
    close();
}

void BenchSession::onWritable(std::int64_t now_ns)
{
    if (state_ == State::Connecting) {
        int err = 0;
        socklen_t len = sizeof(err);
        if (::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            ++stats_.bind_failures;
            close();
            return;
        }
        state_ = State::Binding;
        last_refill_ns_ = now_ns;
        PduTemplates::append(out_, templates_.bind, kBindSeq);
    }
    flush();
}

void BenchSession::pump(std::int64_t now_ns, bool loading)
{
    if (loading && state_ == State::Bound) {
        fill(now_ns);
    }
    flush();
}

void BenchSession::fill(std::int64_t now_ns)
{
    unsigned allowed = static_cast<unsigned>(free_slots_.size());
    if (rate_ > 0) {
        const double elapsed = static_cast<double>(now_ns - last_refill_ns_) / 1e9;
        last_refill_ns_ = now_ns;
        // the loop wakes every millisecond; when it wakes late it may catch up on up to 20 ms
        tokens_ = std::min(tokens_ + elapsed * rate_, std::max(1.0, rate_ * 0.02));
        allowed = std::min(allowed, static_cast<unsigned>(tokens_));
        tokens_ -= allowed;
        throttled_ = allowed < free_slots_.size();
    }
    for (unsigned i = 0; i < allowed; ++i) {
        const unsigned slot = free_slots_.back();
        free_slots_.pop_back();
        PduTemplates::append(out_, templates_.submit, nextSequence(slot));
        slot_sent_ns_[slot] = now_ns;
        ++in_flight_;
    }
    stats_.submitted += allowed;
}

std::uint32_t BenchSession::nextSequence(unsigned slot)
{
    // seq = generation * window + slot + 1: the slot of a response is (seq - 1) % window, and
    // each use of a slot gets a new number (until the generations wrap below 0x7FFF0000)
    std::uint64_t seq = std::uint64_t{slot_generation_[slot]} * window_ + slot + 1;
    if (seq > kMaxSubmitSeq) {
        slot_generation_[slot] = 0;
        seq = slot + 1;
    }
    ++slot_generation_[slot];
    slot_seq_[slot] = static_cast<std::uint32_t>(seq);
    return slot_seq_[slot];
}

void BenchSession::flush()
{
    while (fd_ >= 0 && out_pos_ < out_.size()) {
        const auto n = ::send(fd_, out_.data() + out_pos_, out_.size() - out_pos_, MSG_NOSIGNAL);
        if (n > 0) {
            out_pos_ += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        fail();
        return;
    }
    out_.clear();
    out_pos_ = 0;
}

void BenchSession::onReadable(std::int64_t now_ns, bool loading)
{
    for (;;) {
        const auto n = ::recv(fd_, in_.data(), in_.size(), 0);
        if (n > 0) {
            splitter_.feed(std::span<const std::uint8_t>(in_.data(), static_cast<std::size_t>(n)));
            if (static_cast<std::size_t>(n) < in_.size()) {
                break;
            }
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        fail(); // 0 = closed by the server
        return;
    }
    try {
        while (auto frame = splitter_.nextView()) {
            handleFrame(*frame, now_ns, loading);
        }
    } catch (const std::exception&) {
        fail();
        return;
    }
    pump(now_ns, loading);
}

void BenchSession::handleFrame(
    std::span<const std::uint8_t> frame, std::int64_t now_ns, bool loading)
{
    const std::uint32_t id = be32(frame, 4);
    const std::uint32_t status = be32(frame, 8);
    const std::uint32_t seq = be32(frame, 12);
    switch (static_cast<smpp::CommandId>(id)) {
    case smpp::CommandId::SubmitSmResp:
        onSubmitResp(frame, status, seq, now_ns, loading);
        break;
    case smpp::CommandId::DeliverSm:
        onDeliverSm(frame, seq);
        break;
    case smpp::CommandId::BindTransceiverResp:
        onBindResp(status);
        break;
    case smpp::CommandId::EnquireLink:
        PduTemplates::append(out_, templates_.enquire_link_resp, seq);
        break;
    case smpp::CommandId::Unbind:
        PduTemplates::append(out_, templates_.unbind_resp, seq);
        flush();
        state_ = State::Unbinding;
        close();
        break;
    case smpp::CommandId::UnbindResp:
        close();
        break;
    case smpp::CommandId::GenericNack:
        ++stats_.generic_nacks;
        onSubmitResp(frame, status == 0 ? 0xFFFFFFFFU : status, seq, now_ns, false);
        break;
    default:
        break;
    }
}

void BenchSession::onSubmitResp(std::span<const std::uint8_t> frame,
    std::uint32_t status,
    std::uint32_t seq,
    std::int64_t now_ns,
    bool loading)
{
    if (seq == 0 || seq > kMaxSubmitSeq) {
        return;
    }
    const unsigned slot = (seq - 1) % window_;
    if (slot_seq_[slot] != seq) {
        return; // not outstanding (late duplicate)
    }
    slot_seq_[slot] = 0;
    free_slots_.push_back(slot);
    --in_flight_;
    stats_.latency.record(
        static_cast<std::uint64_t>(std::max<std::int64_t>(0, now_ns - slot_sent_ns_[slot])) / 1000);
    if (status != 0) {
        ++stats_.errors[status];
        return;
    }
    ++stats_.responses_ok;
    if (loading) {
        ++stats_.responses_in_load;
    }
    if (receipts_) {
        stats_.resp_ids.push_back(idKey(cstringAt(frame, 16)));
    }
}

void BenchSession::onDeliverSm(std::span<const std::uint8_t> frame, std::uint32_t seq)
{
    PduTemplates::append(out_, templates_.deliver_resp, seq);
    smpp::Pdu pdu;
    try {
        pdu = smpp::decode(frame);
    } catch (const std::exception&) {
        ++stats_.other_deliver;
        return;
    }
    const auto* sm = std::get_if<smpp::DeliverSm>(&pdu.body);
    if (sm == nullptr || (sm->esm_class & 0x3C) != 0x04) {
        ++stats_.other_deliver;
        return;
    }
    ++stats_.receipts;
    const std::uint64_t key = idKey(receiptId(*sm));
    stats_.receipt_ids.push_back(key);
    if (stats_.receipt_seen.insert(key).second) {
        ++stats_.receipts_distinct;
    }
}

void BenchSession::onBindResp(std::uint32_t status)
{
    if (status != 0) {
        ++stats_.bind_failures;
        ++stats_.bind_errors[status];
        close();
        return;
    }
    state_ = State::Bound;
    ++stats_.sessions_bound;
}

void BenchSession::startUnbind()
{
    if (state_ != State::Bound && state_ != State::Binding) {
        return;
    }
    state_ = State::Unbinding;
    PduTemplates::append(out_, templates_.unbind, kUnbindSeq);
    flush();
}

} // namespace bench
