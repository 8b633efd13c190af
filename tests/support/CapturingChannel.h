#pragma once

#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <mutex>
#include <string>
#include <vector>

namespace smppd::test {

/// A Poco channel that keeps each message as "<priority> <text>", for tests that check what a
/// component logs. Thread-safe.
class CapturingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override
    {
        const std::lock_guard lock(mutex_);
        lines_.push_back(
            std::to_string(static_cast<int>(message.getPriority())) + " " + message.getText());
    }

    std::vector<std::string> lines()
    {
        const std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

} // namespace smppd::test
