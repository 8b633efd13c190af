#include "smppd/bridge/ReplyQueue.h"

#include <utility>

namespace smppd {

std::uint64_t ReplyQueue::reserve()
{
    slots_.emplace_back();
    return first_ + slots_.size() - 1;
}

void ReplyQueue::fill(std::uint64_t slot, std::string reply)
{
    if (slot < first_ || slot - first_ >= slots_.size()) {
        return; // not ours: cannot happen with reserve(); ignore rather than corrupt
    }
    slots_[static_cast<std::size_t>(slot - first_)] = std::move(reply);
    if (slot == first_ && on_ready_) { // only the front slot makes takeReady() return more
        on_ready_();
    }
}

void ReplyQueue::push(std::string reply)
{
    fill(reserve(), std::move(reply));
}

std::string ReplyQueue::takeReady()
{
    std::string out;
    while (!slots_.empty() && slots_.front()) {
        out += *slots_.front();
        out += '\n';
        slots_.pop_front();
        ++first_;
    }
    return out;
}

} // namespace smppd
