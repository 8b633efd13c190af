#include "tests/bench/BenchLoop.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdexcept>
#include <string>
#include <sys/epoll.h>
#include <unistd.h>

namespace bench {
namespace {

constexpr unsigned kMaxHandshakes = 200;
constexpr std::int64_t kNsPerMs = 1000000;
constexpr std::int64_t kNsPerS = 1000000000;

std::int64_t seconds(double s)
{
    return static_cast<std::int64_t>(s * 1e9);
}

int msUntil(std::int64_t until_ns, int cap_ms)
{
    const std::int64_t left = (until_ns - RunControl::nowNs() + kNsPerMs - 1) / kNsPerMs;
    return static_cast<int>(std::clamp<std::int64_t>(left, 0, cap_ms));
}

} // namespace

BenchLoop::BenchLoop(unsigned index,
    unsigned sessions,
    const BenchOptions& options,
    const PduTemplates& templates,
    const sockaddr_storage& server,
    socklen_t server_len,
    RunControl& control)
    : index_(index),
      wanted_(sessions),
      options_(options),
      templates_(templates),
      server_(server),
      server_len_(server_len),
      control_(control),
      epoll_fd_(::epoll_create1(EPOLL_CLOEXEC)),
      rate_per_session_(options.rate / options.sessions)
{
    if (epoll_fd_ < 0) {
        throw std::runtime_error("epoll_create1 failed");
    }
}

BenchLoop::~BenchLoop()
{
    sessions_.clear();
    ::close(epoll_fd_);
}

void BenchLoop::run()
{
    bindAll();
    control_.arriveBound();
    const std::int64_t start = control_.start_ns.load();
    const std::int64_t end = start + seconds(options_.duration);
    if (options_.bind_only > 0) {
        runFor(end, false);
    } else {
        for (std::size_t i = 0; i < sessions_.size(); ++i) {
            sessions_[i]->pump(RunControl::nowNs(), true);
            watch(i);
        }
        runFor(end, true);
        drain(RunControl::nowNs() + seconds(options_.drain));
    }
    unbindAll();
}

bool BenchLoop::openOne()
{
    const int fd = ::socket(server_.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        ++stats_.bind_failures;
        return false;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&server_), server_len_);
    if (rc != 0 && errno != EINPROGRESS) {
        ::close(fd);
        ++stats_.bind_failures;
        return false;
    }
    sessions_.push_back(std::make_unique<BenchSession>(
        fd, templates_, options_.window, rate_per_session_, options_.receipts, stats_));
    watched_.push_back(0);
    watch(sessions_.size() - 1);
    return true;
}

void BenchLoop::bindAll()
{
    const std::int64_t deadline = RunControl::nowNs() + 30 * kNsPerS + wanted_ * 20 * kNsPerMs;
    unsigned opened = 0;
    while (RunControl::nowNs() < deadline && !control_.stop.load()) {
        while (opened < wanted_ && pending() < kMaxHandshakes) {
            openOne();
            ++opened;
        }
        if (opened == wanted_ && pending() == 0) {
            break;
        }
        poll(10, false);
    }
    for (auto& s : sessions_) {
        if (s->state() == BenchSession::State::Connecting
            || s->state() == BenchSession::State::Binding) {
            ++stats_.bind_failures;
            s->close();
        }
    }
}

unsigned BenchLoop::countState(BenchSession::State state) const
{
    return static_cast<unsigned>(std::count_if(sessions_.begin(),
        sessions_.end(),
        [state](const auto& s) { return s->state() == state; }));
}

unsigned BenchLoop::pending() const
{
    return countState(BenchSession::State::Connecting) + countState(BenchSession::State::Binding);
}

unsigned BenchLoop::inFlight() const
{
    unsigned n = 0;
    for (const auto& s : sessions_) {
        if (s->state() == BenchSession::State::Bound) {
            n += s->inFlight();
        }
    }
    return n;
}

void BenchLoop::watch(std::size_t index)
{
    BenchSession& s = *sessions_[index];
    if (s.state() == BenchSession::State::Closed) {
        watched_[index] = 0; // closing the fd removed it from the epoll set
        return;
    }
    std::uint32_t events = EPOLLIN;
    if (s.wantsWrite() || s.state() == BenchSession::State::Connecting) {
        events |= EPOLLOUT;
    }
    if (events == watched_[index]) {
        return;
    }
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = index;
    const int op = watched_[index] == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    ::epoll_ctl(epoll_fd_, op, s.fd(), &ev);
    watched_[index] = events;
}

int BenchLoop::poll(int timeout_ms, bool loading)
{
    std::array<epoll_event, 256> events{};
    const int n =
        ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), timeout_ms);
    const std::int64_t now = RunControl::nowNs();
    for (int i = 0; i < n; ++i) {
        const auto index = static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64);
        const std::uint32_t ev = events[static_cast<std::size_t>(i)].events;
        BenchSession& s = *sessions_[index];
        if (s.state() == BenchSession::State::Closed) {
            continue;
        }
        if ((ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0
            && (s.wantsWrite() || s.state() == BenchSession::State::Connecting)) {
            s.onWritable(now);
        }
        if ((ev & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0
            && s.state() != BenchSession::State::Closed) {
            s.onReadable(now, loading);
        }
        watch(index);
    }
    return n;
}

void BenchLoop::runFor(std::int64_t until_ns, bool loading)
{
    const bool paced = loading && options_.rate > 0;
    while (RunControl::nowNs() < until_ns && !control_.stop.load(std::memory_order_relaxed)) {
        poll(paced ? 1 : msUntil(until_ns, 50), loading);
        if (!paced) {
            continue;
        }
        const std::int64_t now = RunControl::nowNs();
        for (std::size_t i = 0; i < sessions_.size(); ++i) {
            if (sessions_[i]->state() == BenchSession::State::Bound && sessions_[i]->throttled()) {
                sessions_[i]->pump(now, true);
                watch(i);
            }
        }
    }
}

void BenchLoop::drain(std::int64_t until_ns)
{
    while (RunControl::nowNs() < until_ns && !control_.stop.load(std::memory_order_relaxed)) {
        control_.responses_ok[index_].store(stats_.responses_ok, std::memory_order_relaxed);
        control_.receipts[index_].store(stats_.receipts_distinct, std::memory_order_relaxed);
        const bool receipts_in =
            !options_.receipts || control_.totalReceipts() >= control_.totalResponses();
        if (inFlight() == 0 && receipts_in) {
            break;
        }
        poll(10, false);
    }
    stats_.drained_ns = RunControl::nowNs();
    // publish the final counts so the other loops can finish their own drain
    control_.responses_ok[index_].store(stats_.responses_ok, std::memory_order_relaxed);
    control_.receipts[index_].store(stats_.receipts_distinct, std::memory_order_relaxed);
}

void BenchLoop::unbindAll()
{
    for (std::size_t i = 0; i < sessions_.size(); ++i) {
        sessions_[i]->startUnbind();
        watch(i);
    }
    const std::int64_t deadline = RunControl::nowNs() + 2 * kNsPerS;
    while (RunControl::nowNs() < deadline
        && countState(BenchSession::State::Closed) < sessions_.size()) {
        poll(10, false);
    }
    for (auto& s : sessions_) {
        s->close();
    }
}

} // namespace bench
