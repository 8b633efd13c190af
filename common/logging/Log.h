#pragma once

#include "common/logging/Events.h"

#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

/// fmt-style logging over Poco::Logger (style.md §5). Log an event of the vocabulary
/// (common/logging/Events.h) with log(): its level is the event's, and the line starts with
/// `event=<name>`:
///     logging::log(log_, logging::ev::bound, "session={} account={}", n, id);
/// The level helpers below remain for the PDU trace and for tests. Each helper checks the logger's
/// level BEFORE formatting, so a disabled line costs one comparison and its arguments are never
/// formatted. Write one event per line as `key=value` fields:
///     logging::info(log_, "bound system_id={} mode={} peer={}", id, mode, peer);
/// Quote free text with logging::quoted() (common/logging/Fields.h).
namespace logging {

template <typename... Args>
void log(Poco::Logger& l, const Event& e, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.getLevel() >= e.priority) {
        fmt::memory_buffer line;
        fmt::format_to(std::back_inserter(line), "event={} ", e.name);
        fmt::format_to(std::back_inserter(line), f, std::forward<Args>(a)...);
        l.log(Poco::Message(l.name(),
            std::string(line.data(), line.size()),
            static_cast<Poco::Message::Priority>(e.priority)));
    }
}

/// Lines formatted while a lock is held and written once it is released, so the log's own lock
/// and allocations never extend another lock's hold (the Session's, the Router's).
class PendingLines {
public:
    template <typename... Args>
    void add(Poco::Logger& l, const Event& e, fmt::format_string<Args...> f, Args&&... a)
    {
        if (l.getLevel() >= e.priority) {
            std::string text = fmt::format("event={} ", e.name);
            fmt::format_to(std::back_inserter(text), f, std::forward<Args>(a)...);
            lines_.push_back(Line{&l, e.priority, std::move(text)});
        }
    }

    /// Moves the lines out (call with the lock held), to write() after releasing it.
    PendingLines take() { return PendingLines(std::move(lines_)); }

    /// Writes the lines in order and forgets them.
    void write()
    {
        for (auto& line : lines_) {
            line.logger->log(Poco::Message(line.logger->name(),
                line.text,
                static_cast<Poco::Message::Priority>(line.priority)));
        }
        lines_.clear();
    }

    PendingLines() = default;

private:
    struct Line {
        Poco::Logger* logger;
        int priority;
        std::string text;
    };
    explicit PendingLines(std::vector<Line>&& lines) : lines_(std::move(lines)) { }

    std::vector<Line> lines_;
};

/// An event with no keys.
inline void log(Poco::Logger& l, const Event& e)
{
    if (l.getLevel() >= e.priority) {
        l.log(Poco::Message(l.name(),
            "event=" + std::string(e.name),
            static_cast<Poco::Message::Priority>(e.priority)));
    }
}

template <typename... Args>
void trace(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.trace()) {
        l.trace(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void debug(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.debug()) {
        l.debug(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void info(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.information()) {
        l.information(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void notice(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.notice()) {
        l.notice(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void warning(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.warning()) {
        l.warning(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void error(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.error()) {
        l.error(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void critical(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.critical()) {
        l.critical(fmt::format(f, std::forward<Args>(a)...));
    }
}

template <typename... Args>
void fatal(Poco::Logger& l, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.fatal()) {
        l.fatal(fmt::format(f, std::forward<Args>(a)...));
    }
}

} // namespace logging
