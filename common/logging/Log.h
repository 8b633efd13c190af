#pragma once

#include "common/logging/Events.h"

#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Timestamp.h>
#include <fmt/format.h>

#include <string>
#include <string_view>
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

/// Writes one line of text at `priority` to the logger's channel (level already checked). With
/// the BatchingChannel of setupLogging() no Poco::Message is made.
void emit(Poco::Logger& l, int priority, std::string_view text);
/// The same with the time of the step (the line's timestamp), when it is written later.
void emit(Poco::Logger& l, int priority, std::string_view text, const Poco::Timestamp& time);

/// Appends `event=<name> ` and the formatted keys: the text of every line.
template <typename... Args>
void appendEvent(
    fmt::memory_buffer& out, const Event& e, fmt::format_string<Args...> f, Args&&... a)
{
    out.append(std::string_view("event="));
    out.append(e.name);
    out.push_back(' ');
    fmt::format_to(fmt::appender(out), f, std::forward<Args>(a)...);
}

template <typename... Args>
void log(Poco::Logger& l, const Event& e, fmt::format_string<Args...> f, Args&&... a)
{
    if (l.getLevel() >= e.priority) {
        fmt::memory_buffer line; // on the stack up to 500 bytes: no allocation per line
        appendEvent(line, e, f, std::forward<Args>(a)...);
        emit(l, e.priority, std::string_view(line.data(), line.size()));
    }
}

/// Lines formatted while a lock is held and written once it is released, so the log's own lock
/// never extends another lock's hold (the Session's). The lines share one buffer.
class PendingLines {
public:
    template <typename... Args>
    void add(Poco::Logger& l, const Event& e, fmt::format_string<Args...> f, Args&&... a)
    {
        if (l.getLevel() >= e.priority) {
            const auto begin = text_.size();
            appendEvent(text_, e, f, std::forward<Args>(a)...);
            lines_.push_back(Line{&l, e.priority, begin, text_.size() - begin, Poco::Timestamp()});
        }
    }

    /// Moves the lines to `out` (call with the lock held), to out.write() after releasing it.
    /// When `out` is empty the two trade buffers, so neither allocates once both have grown:
    /// give each thread one `out` that lives as long as it does (Session::underLock).
    void moveTo(PendingLines& out)
    {
        if (out.lines_.empty()) {
            std::swap(text_, out.text_); // moves: a buffer on the heap changes hands
            lines_.swap(out.lines_);
        } else { // lines taken earlier by this thread and not yet written: keep their order
            const auto offset = out.text_.size();
            out.text_.append(text_);
            for (auto line : lines_) {
                line.begin += offset;
                out.lines_.push_back(line);
            }
        }
        text_.clear();
        lines_.clear();
    }

    /// Writes the lines in order and forgets them.
    void write()
    {
        const std::string_view all(text_.data(), text_.size());
        for (const auto& line : lines_) {
            emit(*line.logger, line.priority, all.substr(line.begin, line.size), line.time);
        }
        lines_.clear();
        text_.clear();
    }

private:
    struct Line {
        Poco::Logger* logger;
        int priority;
        std::size_t begin;
        std::size_t size;
        Poco::Timestamp time; ///< when add() was called: the step's time, not the write's
    };
    fmt::memory_buffer text_; ///< fmt writes into it directly (a std::string costs a copy)
    std::vector<Line> lines_;
};

/// An event with no keys.
inline void log(Poco::Logger& l, const Event& e)
{
    if (l.getLevel() >= e.priority) {
        emit(l, e.priority, "event=" + std::string(e.name));
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
