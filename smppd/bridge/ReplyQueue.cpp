#include "smppd/bridge/ReplyQueue.h"

#include <utility>

namespace smppd {

void ReplyQueue::setOnReady(std::function<void()> on_ready)
{
    const std::lock_guard lock(mutex_);
    on_ready_ = std::move(on_ready);
}

std::uint64_t ReplyQueue::reserve()
{
    const std::lock_guard lock(mutex_);
    slots_.emplace_back();
    return first_ + slots_.size() - 1;
}

void ReplyQueue::fill(std::uint64_t slot, std::string reply)
{
    bool front = false;
    {
        const std::lock_guard lock(mutex_);
        if (slot < first_ || slot - first_ >= slots_.size()) {
            return; // not ours: cannot happen with reserve(); ignore rather than corrupt
        }
        slots_[static_cast<std::size_t>(slot - first_)] = std::move(reply);
        front = slot == first_;
    }
    if (front) {
        filled_.notify_all(); // only the front slot can unblock the writer
        if (on_ready_) {
            on_ready_(); // set before the first reserve() and never again: read without the lock
        }
    }
}

void ReplyQueue::push(std::string reply)
{
    fill(reserve(), std::move(reply));
}

std::string ReplyQueue::takeReady()
{
    const std::lock_guard lock(mutex_);
    std::string out;
    while (!slots_.empty() && slots_.front()) {
        out += *slots_.front();
        out += '\n';
        slots_.pop_front();
        ++first_;
    }
    return out;
}

std::size_t ReplyQueue::size() const
{
    const std::lock_guard lock(mutex_);
    return slots_.size();
}

bool ReplyQueue::waitForReady(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    return filled_.wait_for(lock, timeout, [&] { return !slots_.empty() && slots_.front(); });
}

} // namespace smppd
