#pragma once

#include "smppd/routing/OnLoop.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace smppd::test {

/// The event loop of a unit test, run by hand on the test's thread. The store hands its answers
/// here (`answer_on = loop.poster()`), and so does every other thread through onLoop(); run*()
/// runs them on the test's thread. The Router and its callers then see one thread, as they do
/// in smppd, and the test needs no sleeps: it runs the loop until the work is done.
class ManualLoop {
public:
    using Task = std::function<void()>;

    /// For SqliteStoreOptions::answer_on: queues a task (any thread).
    std::function<void(Task)> poster()
    {
        return [this](Task task) {
            {
                const std::lock_guard lock(mutex_);
                tasks_.push_back(std::move(task));
            }
            ready_.notify_all();
        };
    }

    /// For the Router's other callers: post() queues, runAndWait() runs at once (the test's
    /// thread is the loop's).
    OnLoop onLoop()
    {
        return OnLoop(poster(), [](const Task& task) { task(); });
    }

    /// Runs the queued tasks, and those they queue, until `done()` holds with nothing queued:
    /// e.g. until the store has answered every operation (SqliteMessageStore::answeredAll), so
    /// that every chain of commit -> answer -> new write has run to its end. Waits for the
    /// store's writer meanwhile; throws after `limit`.
    void runUntil(const std::function<bool()>& done,
        std::chrono::milliseconds limit = std::chrono::seconds(10))
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        std::unique_lock lock(mutex_);
        for (;;) {
            while (!tasks_.empty()) {
                Task task = std::move(tasks_.front());
                tasks_.pop_front();
                lock.unlock();
                task();
                lock.lock();
            }
            lock.unlock();
            const bool finished = done();
            lock.lock();
            if (finished && tasks_.empty()) {
                return;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                throw std::runtime_error("ManualLoop: the work did not finish in time");
            }
            ready_.wait_for(lock, std::chrono::milliseconds(1), [this] { return !tasks_.empty(); });
        }
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Task> tasks_;
};

} // namespace smppd::test
