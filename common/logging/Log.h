#pragma once

#include <Poco/Logger.h>
#include <fmt/format.h>

#include <utility>

/// fmt-style logging over Poco::Logger (style.md §5). Each helper checks the logger's level
/// BEFORE formatting, so a disabled line costs one comparison and its arguments are never
/// formatted. Write one event per line as `key=value` fields:
///     logging::info(log_, "bound system_id={} mode={} peer={}", id, mode, peer);
/// Quote free text with logging::quoted() (common/logging/Fields.h).
namespace logging {

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
