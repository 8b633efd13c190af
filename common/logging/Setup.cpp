#include "common/logging/Setup.h"

#include <Poco/AsyncChannel.h>
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/NullChannel.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace logging {

namespace {

constexpr const char* kPduLogger = "smppd.pdu";
constexpr const char* kPattern = "%Y-%m-%dT%H:%M:%S.%iZ level=%p logger=%s %t";

/// One configured output: the async front the loggers see and the file behind it.
struct Output {
    Poco::AutoPtr<Poco::AsyncChannel> async;
    Poco::AutoPtr<Poco::FileChannel> file;

    void close()
    {
        if (async) {
            async->close(); // drains the queue, then joins the writer thread
        }
        if (file) {
            file->close();
        }
        async.reset();
        file.reset();
    }
};

struct State {
    std::mutex mutex;
    Output main;
    Output pdu;
};

State& state()
{
    static State s;
    return s;
}

Poco::AutoPtr<Poco::Formatter> makeFormatter()
{
    Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter(kPattern));
    formatter->setProperty("times", "UTC");
    formatter->setProperty("priorityNames", "fatal,critical,error,warning,notice,info,debug,trace");
    return formatter;
}

/// Poco's FileChannel parses the size as an int, so large sizes are given in K or M.
std::string rotationSpec(std::uint64_t bytes)
{
    bytes = std::max<std::uint64_t>(bytes, 1);
    if (bytes <= static_cast<std::uint64_t>(INT_MAX)) {
        return std::to_string(bytes);
    }
    const std::uint64_t kib = std::min<std::uint64_t>((bytes + 1023) / 1024, INT_MAX);
    return std::to_string(kib) + " K";
}

Poco::AutoPtr<Poco::FileChannel> makeFile(const std::string& directory,
    const std::string& file_name,
    std::uint64_t rotate_size,
    std::uint32_t keep,
    bool compress)
{
    Poco::File(directory).createDirectories();
    const std::string path =
        Poco::Path(directory).makeDirectory().setFileName(file_name).toString();
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(path));
    file->setProperty("rotation", rotationSpec(rotate_size));
    file->setProperty("archive", "number");
    file->setProperty("purgeCount", std::to_string(std::max<std::uint32_t>(keep, 1)));
    file->setProperty("compress", compress ? "true" : "false");
    file->setProperty("times", "utc");
    file->open();
    return file;
}

Output makeOutput(Poco::AutoPtr<Poco::FileChannel> file, bool console)
{
    Poco::AutoPtr<Poco::Channel> sink = file;
    if (console) {
        Poco::AutoPtr<Poco::SplitterChannel> splitter(new Poco::SplitterChannel);
        splitter->addChannel(file);
        splitter->addChannel(Poco::AutoPtr<Poco::Channel>(new Poco::ConsoleChannel));
        sink = splitter;
    }
    // Formatting happens on the async writer thread too, off the caller's thread.
    Poco::AutoPtr<Poco::FormattingChannel> formatting(
        new Poco::FormattingChannel(makeFormatter(), sink));
    Output out;
    out.async = new Poco::AsyncChannel(formatting);
    out.file = std::move(file);
    return out;
}

/// smppd.pdu never reaches smppd.log: it has its own file, or it is silenced.
void routePduLogger(State& s)
{
    Poco::Logger::get(kPduLogger);
    if (s.pdu.async) {
        Poco::Logger::setChannel(kPduLogger, s.pdu.async);
        Poco::Logger::setLevel(kPduLogger, Poco::Message::PRIO_TRACE);
    } else {
        Poco::Logger::setChannel(kPduLogger, Poco::AutoPtr<Poco::Channel>(new Poco::NullChannel));
        Poco::Logger::setLevel(kPduLogger, 0);
    }
}

std::string lowered(std::string_view name)
{
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

} // namespace

int parseLevel(std::string_view name)
{
    static const std::array<std::pair<const char*, int>, 11> kLevels{{
        {"none", 0},
        {"fatal", Poco::Message::PRIO_FATAL},
        {"critical", Poco::Message::PRIO_CRITICAL},
        {"error", Poco::Message::PRIO_ERROR},
        {"warning", Poco::Message::PRIO_WARNING},
        {"warn", Poco::Message::PRIO_WARNING},
        {"notice", Poco::Message::PRIO_NOTICE},
        {"information", Poco::Message::PRIO_INFORMATION},
        {"info", Poco::Message::PRIO_INFORMATION},
        {"debug", Poco::Message::PRIO_DEBUG},
        {"trace", Poco::Message::PRIO_TRACE},
    }};
    const std::string key = lowered(name);
    for (const auto& [level_name, level] : kLevels) {
        if (key == level_name) {
            return level;
        }
    }
    throw std::invalid_argument("unknown log level '" + std::string(name)
        + "': expected trace, debug, information, notice, warning, error, critical, fatal or none");
}

void setupLogging(const LogOptions& options)
{
    const int level = parseLevel(options.level);
    Output out = makeOutput(makeFile(options.directory,
                                options.file_name,
                                options.rotate_size,
                                options.keep,
                                options.compress),
        options.console);
    State& s = state();
    const std::lock_guard lock(s.mutex);
    Poco::Logger::root();
    Poco::Logger::setChannel("", out.async);
    Poco::Logger::setLevel("", level);
    routePduLogger(s);
    std::swap(s.main, out);
    out.close(); // the previous configuration, if any
}

void setupPduTraceLog(const std::string& directory, std::uint64_t rotate_size, std::uint32_t keep)
{
    Output out = makeOutput(makeFile(directory, "pdu-trace.log", rotate_size, keep, false), false);
    State& s = state();
    const std::lock_guard lock(s.mutex);
    std::swap(s.pdu, out);
    routePduLogger(s);
    out.close();
}

void shutdownLogging()
{
    State& s = state();
    const std::lock_guard lock(s.mutex);
    Poco::Logger::setChannel("", Poco::AutoPtr<Poco::Channel>(new Poco::NullChannel));
    s.main.close();
    s.pdu.close();
}

} // namespace logging
