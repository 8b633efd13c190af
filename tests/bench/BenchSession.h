#pragma once

#include "common/smpp/FrameSplitter.h"
#include "tests/bench/BenchStats.h"
#include "tests/bench/PduTemplates.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace bench {

/// One bound transceiver session of the load generator over a non-blocking socket: binds,
/// keeps up to `window` submit_sm in flight (paced by a token bucket when rate > 0), times each
/// submit_sm_resp, answers deliver_sm / enquire_link / unbind, and collects receipt ids.
/// Writes are batched: every PDU produced while handling one wake-up goes out in one write().
/// The owner (BenchLoop) drives it from epoll; it never blocks.
class BenchSession {
public:
    enum class State { Connecting, Binding, Bound, Unbinding, Closed };

    /// fd: a socket whose non-blocking connect() is in progress. rate: submit_sm per second for
    /// this session (0 = unlimited). stats: the loop's counters (outlives the session).
    BenchSession(int fd,
        const PduTemplates& templates,
        unsigned window,
        double rate,
        bool receipts,
        BenchStats& stats);
    ~BenchSession();
    BenchSession(const BenchSession&) = delete;
    BenchSession& operator=(const BenchSession&) = delete;

    int fd() const noexcept { return fd_; }
    State state() const noexcept { return state_; }
    /// Submits in flight.
    unsigned inFlight() const noexcept { return in_flight_; }
    /// True while output is waiting for the socket to become writable.
    bool wantsWrite() const noexcept { return out_pos_ < out_.size(); }
    /// True when a token-bucket pause keeps the window from being filled.
    bool throttled() const noexcept { return throttled_; }

    /// The socket is writable: completes the connect (then sends the bind) and flushes.
    void onWritable(std::int64_t now_ns);
    /// The socket is readable: reads everything available, handles each PDU, refills the
    /// window if `loading`, and flushes.
    void onReadable(std::int64_t now_ns, bool loading);
    /// Fills the window (if loading and bound) and flushes.
    void pump(std::int64_t now_ns, bool loading);
    /// Sends unbind (once); the session closes on unbind_resp or when the peer closes.
    void startUnbind();
    /// Closes the socket now.
    void close();

private:
    void fill(std::int64_t now_ns);
    void flush();
    void handleFrame(std::span<const std::uint8_t> frame, std::int64_t now_ns, bool loading);
    void onSubmitResp(std::span<const std::uint8_t> frame,
        std::uint32_t status,
        std::uint32_t seq,
        std::int64_t now_ns,
        bool loading);
    void onDeliverSm(std::span<const std::uint8_t> frame, std::uint32_t seq);
    void onBindResp(std::uint32_t status);
    std::uint32_t nextSequence(unsigned slot);
    void fail();

    int fd_;
    const PduTemplates& templates_;
    unsigned window_;
    double rate_;
    bool receipts_;
    BenchStats& stats_;
    State state_ = State::Connecting;
    smpp::FrameSplitter splitter_;
    std::vector<std::uint8_t> in_; ///< recv buffer (allocated once)
    std::vector<std::uint8_t> out_;
    std::size_t out_pos_ = 0;
    std::vector<unsigned> free_slots_;
    std::vector<std::uint32_t> slot_seq_; ///< seq in flight per slot, 0 = free
    std::vector<std::uint32_t> slot_generation_;
    std::vector<std::int64_t> slot_sent_ns_;
    unsigned in_flight_ = 0;
    double tokens_ = 0;
    std::int64_t last_refill_ns_ = 0;
    bool throttled_ = false;
};

/// A 64-bit key for a message id: its value when it is 1-19 decimal digits, else a hash, so
/// ids can be matched as sorted integers after the run.
std::uint64_t idKey(std::string_view id);

} // namespace bench
