#pragma once

#include "smppd/net/EventLoop.h"

#include <functional>
#include <string>
#include <thread>

namespace smppd {

/// An EventLoop and the thread that runs it. The server owns one: it runs the SMPP connections
/// and the store's answers, so it starts before the store and stops after the store closed
/// (the store's last answers run on it).
///
/// start(), stop() and runAndWait() are for the owning thread; loop().post() is for any thread.
class LoopThread {
public:
    /// `name` names the thread (ps, debuggers, the Windows thread list).
    explicit LoopThread(std::string name);
    /// stop().
    ~LoopThread();
    LoopThread(const LoopThread&) = delete;
    LoopThread& operator=(const LoopThread&) = delete;

    EventLoop& loop() { return loop_; }

    void start();
    /// Runs the tasks already posted, then ends the thread. Idempotent.
    void stop();
    /// Runs `task` on the loop and waits for it; here, at once, when the loop is not running.
    void runAndWait(const std::function<void()>& task);

private:
    std::string name_;
    EventLoop loop_;
    std::thread thread_;
};

} // namespace smppd
