#include "smppd/net/EventLoop.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace smppd {
namespace {

/// A poll never sleeps longer than this, so a lost wake-up costs at most this much.
constexpr auto kMaxWait = std::chrono::milliseconds(500);

} // namespace

EventLoop::EventLoop()
{
    poll_set_.add(waker_.socket(), Poco::Net::PollSet::POLL_READ);
}

int EventLoop::modeOf(bool read, bool write)
{
    return (read ? Poco::Net::PollSet::POLL_READ : 0) | (write ? Poco::Net::PollSet::POLL_WRITE : 0)
        | Poco::Net::PollSet::POLL_ERROR;
}

void EventLoop::watch(const Poco::Net::Socket& socket, Handler& handler, bool read, bool write)
{
    handlers_[socket.impl()] = &handler;
    poll_set_.add(socket, modeOf(read, write));
}

void EventLoop::update(const Poco::Net::Socket& socket, bool read, bool write)
{
    poll_set_.update(socket, modeOf(read, write));
}

void EventLoop::unwatch(const Poco::Net::Socket& socket)
{
    if (handlers_.erase(socket.impl()) > 0) {
        poll_set_.remove(socket);
    }
}

void EventLoop::runAt(TimePoint when, Task task)
{
    timers_.push_back(Timer{when, timer_order_++, std::move(task)});
    std::push_heap(timers_.begin(), timers_.end(), std::greater<>());
}

void EventLoop::post(Task task)
{
    {
        const std::lock_guard lock(posted_mutex_);
        posted_.push_back(std::move(task));
    }
    if (!inLoopThread()) {
        waker_.wake(); // one datagram per idle-to-woken transition, not per task
    }
}

void EventLoop::stop()
{
    stopping_.store(true);
    waker_.wake();
}

void EventLoop::run()
{
    loop_thread_.store(std::this_thread::get_id());
    while (!stopping_.load()) {
        const auto ready = poll_set_.poll(waitUntilNextTimer());
        dispatch(ready);
        runDueTimers();
        runPosted();
    }
    runPosted();
    loop_thread_.store(std::thread::id{});
}

Poco::Timespan EventLoop::waitUntilNextTimer()
{
    {
        const std::lock_guard lock(posted_mutex_);
        if (!posted_.empty()) {
            return Poco::Timespan(0); // posted by the loop itself, which does not wake it
        }
    }
    auto wait = std::chrono::duration_cast<std::chrono::microseconds>(kMaxWait);
    if (!timers_.empty()) {
        const auto until = std::chrono::ceil<std::chrono::microseconds>(
            timers_.front().when - Clock::now()); // rounded up: never wake just before it
        wait = std::clamp(until, std::chrono::microseconds(0), wait);
    }
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(wait.count()));
}

void EventLoop::dispatch(const Poco::Net::PollSet::SocketModeMap& ready)
{
    for (const auto& [socket, mode] : ready) {
        if (socket.impl() == waker_.socket().impl()) {
            waker_.reset(); // before the posted tasks run: a later post wakes the next poll
            continue;
        }
        // A handler may unwatch (and destroy) other sockets of this batch: look each one up.
        const auto it = handlers_.find(socket.impl());
        if (it == handlers_.end()) {
            continue;
        }
        it->second->onReady((mode & Poco::Net::PollSet::POLL_READ) != 0,
            (mode & Poco::Net::PollSet::POLL_WRITE) != 0,
            (mode & Poco::Net::PollSet::POLL_ERROR) != 0);
    }
}

void EventLoop::runDueTimers()
{
    // The due timers are taken first: one that a task sets for a time already past runs after
    // the next poll, so a deadline that stays in the past cannot keep the loop from its sockets.
    const auto now = Clock::now();
    while (!timers_.empty() && timers_.front().when <= now) {
        std::pop_heap(timers_.begin(), timers_.end(), std::greater<>());
        due_.push_back(std::move(timers_.back().task));
        timers_.pop_back();
    }
    for (auto& task : due_) {
        task();
    }
    due_.clear();
}

void EventLoop::runPosted()
{
    {
        const std::lock_guard lock(posted_mutex_);
        running_.swap(posted_);
    }
    for (auto& task : running_) {
        task();
    }
    running_.clear();
}

} // namespace smppd
