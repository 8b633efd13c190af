#pragma once

#include <functional>
#include <utility>

namespace smppd {

/// How code on other threads reaches the thread that owns the Router and the sessions: the
/// server's event loop. The Router's state is that thread's alone; the jobs, the Hermes pusher's
/// answers and the admin endpoint hand it their calls through this.
/// Default-constructed, both run the task at once on the calling thread: for tests and tools
/// that have no loop, and whose callers are on one thread.
class OnLoop {
public:
    using Task = std::function<void()>;

    OnLoop() = default;
    /// `post` runs a task on the loop later, from any thread; `run_and_wait` runs it there and
    /// returns once it has run (at once, when called on the loop or when it is not running).
    OnLoop(std::function<void(Task)> post, std::function<void(const Task&)> run_and_wait)
        : post_(std::move(post)),
          run_and_wait_(std::move(run_and_wait))
    {
    }

    /// Runs `task` on the loop, after what it is doing now.
    void post(Task task) const
    {
        if (post_) {
            post_(std::move(task));
        } else {
            task();
        }
    }

    /// Runs `task` on the loop and waits for it: for a caller that needs an answer (the jobs'
    /// receipt pass, the metrics). Never from the loop's own handlers' callees that hold state.
    void runAndWait(const Task& task) const
    {
        if (run_and_wait_) {
            run_and_wait_(task);
        } else {
            task();
        }
    }

private:
    std::function<void(Task)> post_;
    std::function<void(const Task&)> run_and_wait_;
};

} // namespace smppd
