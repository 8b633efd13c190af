#pragma once

#include "smppd/routing/DeliverySink.h"
#include "smppd/routing/Forwarder.h"
#include "smppd/routing/RouterOptions.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace smppd::test {

/// A session's outbound window: takes items while fewer than `window` are unanswered.
class FakeSink : public DeliverySink {
public:
    explicit FakeSink(std::size_t window = 10) : window_(window) { }

    bool offer(const OutboundItem& item) override
    {
        {
            std::lock_guard lock(mutex_);
            ++offers_;
            if (open_ >= window_) {
                return false;
            }
            ++open_;
            items_.push_back(item);
        }
        if (on_accept) {
            on_accept(item); // on the router's thread, as a session would go on with its work
        }
        return true;
    }

    /// Called after each accepted offer (set before the router offers anything): lets a test
    /// run other threads' work at a chosen point of the router's work.
    std::function<void(const OutboundItem&)> on_accept;

    bool hasRoom() const override
    {
        std::lock_guard lock(mutex_);
        return open_ < window_;
    }

    /// How many times offer() was called (taken or refused).
    std::size_t offers() const
    {
        std::lock_guard lock(mutex_);
        return offers_;
    }

    /// Everything accepted so far, in order.
    std::vector<OutboundItem> items()
    {
        std::lock_guard lock(mutex_);
        return items_;
    }

    /// The session answered (or timed out) one item: a window slot is free.
    void answered()
    {
        std::lock_guard lock(mutex_);
        --open_;
    }

private:
    mutable std::mutex mutex_;
    std::size_t window_;
    std::size_t open_ = 0;
    std::size_t offers_ = 0;
    std::vector<OutboundItem> items_;
};

/// A Forwarder that keeps the requests; the test answers them.
class FakeForwarder : public Forwarder {
public:
    struct Request {
        Message message;
        Completion done;
    };

    void forward(const Message& message, Completion done) override
    {
        std::lock_guard lock(mutex_);
        requests_.push_back({message, std::move(done)});
    }

    std::vector<Request> take()
    {
        std::lock_guard lock(mutex_);
        return std::exchange(requests_, {});
    }

private:
    std::mutex mutex_;
    std::vector<Request> requests_;
};

/// A settable clock.
struct FakeClock {
    TimePoint now{std::chrono::milliseconds(1'790'000'000'000)};

    WallClock wallClock()
    {
        return [this] { return now; };
    }
};

} // namespace smppd::test
