#pragma once

#include "common/logging/Events.h"

#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Timestamp.h>
#include <fmt/compile.h>
#include <fmt/format.h>

#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
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

/// A format parsed when smppd is compiled, `FMT_COMPILE("message_id={} ...")`, for the lines of
/// every message: formatting then takes about 35 ns instead of 130.
template <typename S>
concept CompiledFormat = fmt::detail::is_compiled_string<S>::value;

/// Appends `event=<name> ` and the formatted keys: the text of every line. `f` is a checked
/// fmt::format_string or a CompiledFormat.
template <typename Buffer, typename Format, typename... Args>
void appendEvent(Buffer& out, const Event& e, const Format& f, Args&&... a)
{
    out.append(std::string_view("event="));
    out.append(e.name);
    out.push_back(' ');
    // back_inserter, not fmt::appender: compiled formats then append in bulk, not by char
    fmt::format_to(std::back_inserter(out), f, std::forward<Args>(a)...);
}

namespace detail {

template <typename Format, typename... Args>
void logEvent(Poco::Logger& l, const Event& e, const Format& f, Args&&... a)
{
    if (l.getLevel() >= e.priority) {
        fmt::memory_buffer line; // on the stack up to 500 bytes: no allocation per line
        appendEvent(line, e, f, std::forward<Args>(a)...);
        emit(l, e.priority, std::string_view(line.data(), line.size()));
    }
}

} // namespace detail

// Two overloads only so that a plain literal stays checked at compile time (format_string).
template <typename... Args>
void log(Poco::Logger& l, const Event& e, fmt::format_string<Args...> f, Args&&... a)
{
    detail::logEvent(l, e, f, std::forward<Args>(a)...);
}

template <CompiledFormat S, typename... Args>
void log(Poco::Logger& l, const Event& e, const S& f, Args&&... a)
{
    detail::logEvent(l, e, f, std::forward<Args>(a)...);
}

/// Lines formatted while a lock is held and written once it is released, so the log's own lock
/// never extends another lock's hold (the Session's).
///
/// Each line is kept as a small header (logger, level, time, length) followed by its text, all
/// in one buffer whose first kInline bytes live inside the object: a lock hold's few lines are
/// moved to a PendingLines on the caller's stack without allocating, and neither side needs a
/// thread_local (whose destructors crash mingw-w64 builds at thread exit).
class PendingLines {
public:
    static constexpr std::size_t kInline = 1024;

    template <typename... Args>
    void add(Poco::Logger& l, const Event& e, fmt::format_string<Args...> f, Args&&... a)
    {
        addEvent(l, e, f, std::forward<Args>(a)...);
    }

    template <CompiledFormat S, typename... Args>
    void add(Poco::Logger& l, const Event& e, const S& f, Args&&... a)
    {
        addEvent(l, e, f, std::forward<Args>(a)...);
    }

    /// Moves the lines to the end of `out` (call with the lock held), to out.write() after
    /// releasing it.
    void moveTo(PendingLines& out)
    {
        if (out.data_.size() == 0) {
            std::swap(data_, out.data_); // a buffer on the heap changes hands; inline bytes copy
        } else {
            out.data_.append(std::string_view(data_.data(), data_.size()));
        }
        data_.clear();
    }

    /// Writes the lines in order and forgets them.
    void write()
    {
        std::size_t at = 0;
        while (at < data_.size()) {
            Header header;
            std::memcpy(&header, data_.data() + at, sizeof(Header));
            at += sizeof(Header);
            emit(*header.logger,
                header.priority,
                std::string_view(data_.data() + at, header.size),
                Poco::Timestamp(header.time));
            at += header.size;
        }
        data_.clear();
    }

private:
    template <typename Format, typename... Args>
    void addEvent(Poco::Logger& l, const Event& e, const Format& f, Args&&... a)
    {
        if (l.getLevel() >= e.priority) {
            const auto at = data_.size();
            data_.resize(at + sizeof(Header)); // the header is written once the size is known
            appendEvent(data_, e, f, std::forward<Args>(a)...);
            const Header header{&l,
                e.priority,
                data_.size() - at - sizeof(Header),
                Poco::Timestamp().epochMicroseconds()};
            std::memcpy(data_.data() + at, &header, sizeof(Header));
        }
    }

    struct Header {
        Poco::Logger* logger;
        int priority;
        std::size_t size;
        Poco::Timestamp::TimeVal time; ///< when add() was called: the step's, not the write's
    };
    static_assert(std::is_trivially_copyable_v<Header>);
    fmt::basic_memory_buffer<char, kInline> data_;
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
