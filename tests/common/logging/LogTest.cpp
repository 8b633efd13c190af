#include "common/logging/Log.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

/// Records messages in memory.
class MemoryChannel : public Poco::Channel {
public:
    std::vector<std::pair<int, std::string>> messages;
    void log(const Poco::Message& msg) override
    {
        messages.emplace_back(static_cast<int>(msg.getPriority()), msg.getText());
    }
};

/// Counts how often it is formatted.
struct Counted {
    int* count;
};

} // namespace

template <>
struct fmt::formatter<Counted> : fmt::formatter<int> {
    auto format(const Counted& c, fmt::format_context& ctx) const
    {
        ++*c.count;
        return fmt::formatter<int>::format(*c.count, ctx);
    }
};

TEST_CASE("helpers format only when the level is enabled", "[logging]")
{
    Poco::AutoPtr<MemoryChannel> channel(new MemoryChannel);
    Poco::Logger& l = Poco::Logger::get("test.log.levels");
    l.setChannel(channel);
    l.setLevel(Poco::Message::PRIO_INFORMATION);
    int formatted = 0;
    const Counted counted{&formatted};

    logging::trace(l, "event=t n={}", counted);
    logging::debug(l, "event=d n={}", counted);
    CHECK(formatted == 0);
    CHECK(channel->messages.empty());

    logging::info(l, "event=i n={}", counted);
    logging::notice(l, "event=n n={}", counted);
    logging::warning(l, "event=w n={}", counted);
    logging::error(l, "event=e n={}", counted);
    logging::critical(l, "event=c n={}", counted);
    logging::fatal(l, "event=f n={}", counted);
    CHECK(formatted == 6);
    REQUIRE(channel->messages.size() == 6);
    CHECK(channel->messages[0]
        == std::pair<int, std::string>{Poco::Message::PRIO_INFORMATION, "event=i n=1"});
    CHECK(channel->messages[1].first == Poco::Message::PRIO_NOTICE);
    CHECK(channel->messages[2].first == Poco::Message::PRIO_WARNING);
    CHECK(channel->messages[3].first == Poco::Message::PRIO_ERROR);
    CHECK(channel->messages[4].first == Poco::Message::PRIO_CRITICAL);
    CHECK(channel->messages[5]
        == std::pair<int, std::string>{Poco::Message::PRIO_FATAL, "event=f n=6"});

    l.setLevel(Poco::Message::PRIO_TRACE);
    logging::trace(l, "event=t n={}", counted);
    logging::debug(l, "event=d n={}", counted);
    CHECK(formatted == 8);
    CHECK(channel->messages.back().second == "event=d n=8");
    l.setChannel(nullptr);
}

TEST_CASE(
    "PendingLines::moveTo hands the lines over in order, to an empty or a full buffer", "[logging]")
{
    Poco::AutoPtr<MemoryChannel> channel(new MemoryChannel);
    Poco::Logger& l = Poco::Logger::get("test.log.pending");
    l.setChannel(channel);
    l.setLevel(Poco::Message::PRIO_INFORMATION);
    logging::PendingLines session;
    logging::PendingLines taken;

    session.add(l, logging::ev::stopped, "n={}", 1);
    session.add(l, logging::ev::stopped, "n={}", 2);
    session.moveTo(taken); // taken was empty: they trade buffers
    session.add(l, logging::ev::stopped, "n={}", 3);
    session.moveTo(taken); // taken still holds 1 and 2: 3 goes after them
    CHECK(channel->messages.empty()); // nothing is written before write()

    taken.write();
    REQUIRE(channel->messages.size() == 3);
    CHECK(channel->messages[0].second == "event=stopped n=1");
    CHECK(channel->messages[1].second == "event=stopped n=2");
    CHECK(channel->messages[2].second == "event=stopped n=3");

    taken.write(); // written lines are forgotten, and so are the moved ones
    session.moveTo(taken);
    taken.write();
    CHECK(channel->messages.size() == 3);
}

TEST_CASE("a compiled format gives the same line as the same format at run time", "[logging]")
{
    Poco::AutoPtr<MemoryChannel> channel(new MemoryChannel);
    Poco::Logger& l = Poco::Logger::get("test.log.compiled");
    l.setChannel(channel);
    l.setLevel(Poco::Message::PRIO_INFORMATION);
    const std::string account = "acme";
    logging::log(l, logging::ev::stopped, "account={} n={} status={:#x}", account, 42, 0x58);
    logging::log(
        l, logging::ev::stopped, FMT_COMPILE("account={} n={} status={:#x}"), account, 42, 0x58);
    logging::PendingLines pending;
    pending.add(
        l, logging::ev::stopped, FMT_COMPILE("account={} n={} status={:#x}"), account, 42, 0x58);
    pending.write();
    REQUIRE(channel->messages.size() == 3);
    CHECK(channel->messages[0].second == "event=stopped account=acme n=42 status=0x58");
    CHECK(channel->messages[1].second == channel->messages[0].second);
    CHECK(channel->messages[2].second == channel->messages[0].second);
}
