#pragma once

#include "smppd/net/Waker.h"

#include <Poco/Net/PollSet.h>
#include <Poco/Net/Socket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace smppd {

/// One thread's event loop, in the shape of muduo's EventLoop: sockets watched through a Poco
/// PollSet (epoll on Linux, WSAPoll on Windows), timers on a heap, and tasks posted from any
/// thread, which a Waker makes the poll return for.
///
/// Everything but post() and stop() runs on the loop's thread only: handlers own their state
/// without locks because nothing else touches it.
class EventLoop {
public:
    using Clock = std::chrono::steady_clock;
    using TimePoint = Clock::time_point;
    using Task = std::function<void()>;

    /// What the loop calls when a watched socket is ready.
    class Handler {
    public:
        /// `readable`/`writable`/`error`: what the poll reported for the socket.
        virtual void onReady(bool readable, bool writable, bool error) = 0;

    protected:
        ~Handler() = default;
    };

    /// Throws Poco::Net::NetException when the waker's loopback socket cannot be made.
    EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    /// Runs until stop(), on the calling thread.
    void run();

    /// Any thread: run() returns after the tasks already posted have run.
    void stop();

    /// Any thread: runs `task` on the loop's thread, after the current handler, in post order.
    /// From the loop's own thread it costs no wake-up: the next poll just does not wait.
    void post(Task task);

    /// True on the thread that is inside run().
    bool inLoopThread() const { return std::this_thread::get_id() == loop_thread_.load(); }

    // The loop's thread only:

    /// Watches `socket` for reading and/or writing; errors are always reported.
    void watch(const Poco::Net::Socket& socket, Handler& handler, bool read, bool write);
    /// Changes what a watched socket is watched for.
    void update(const Poco::Net::Socket& socket, bool read, bool write);
    /// Stops watching `socket`; its handler is not called again.
    void unwatch(const Poco::Net::Socket& socket);
    /// Runs `task` at `when` (or at once if it has passed). Timers cannot be cancelled: a task
    /// checks whether it still has something to do (connections re-arm for their next deadline).
    void runAt(TimePoint when, Task task);

    /// Watched sockets (the loop's thread, or tests).
    std::size_t watched() const { return handlers_.size(); }

private:
    struct Timer {
        TimePoint when;
        std::uint64_t order; ///< equal times run in the order they were set
        Task task;
        bool operator>(const Timer& other) const
        {
            return when != other.when ? when > other.when : order > other.order;
        }
    };

    static int modeOf(bool read, bool write);
    Poco::Timespan waitUntilNextTimer();
    void dispatch(const Poco::Net::PollSet::SocketModeMap& ready);
    void runDueTimers();
    void runPosted();

    Poco::Net::PollSet poll_set_;
    Waker waker_;
    std::unordered_map<const Poco::Net::SocketImpl*, Handler*> handlers_;
    std::vector<Timer> timers_; ///< a min-heap on (when, order)
    std::uint64_t timer_order_ = 0;
    std::vector<Task> due_; ///< the timers being run: kept for its capacity

    std::mutex posted_mutex_;
    std::vector<Task> posted_;
    std::vector<Task> running_; ///< the batch being run: kept for its capacity
    std::atomic<bool> stopping_{false};
    std::atomic<std::thread::id> loop_thread_{}; ///< run()'s thread while it runs
};

} // namespace smppd
