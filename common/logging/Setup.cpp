#include "common/logging/Setup.h"

#include "common/logging/BatchingChannel.h"
#include "common/logging/Log.h"

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/FileChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/NullChannel.h>
#include <Poco/Path.h>

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

/// One configured output: the batching front the loggers see (it owns the file behind it).
struct Output {
    Poco::AutoPtr<BatchingChannel> channel;

    void close()
    {
        if (channel) {
            channel->close(); // writes what is buffered, joins the writer, closes the file
        }
        channel.reset();
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

Output makeOutput(const LogOptions& options, const std::string& file_name)
{
    Poco::File(options.directory).createDirectories();
    const std::string path =
        Poco::Path(options.directory).makeDirectory().setFileName(file_name).toString();
    const std::string rotation = rotationSpec(options.rotate_size);
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(path));
    file->setProperty("rotation", rotation);
    // Timestamped archive names say which hours a file holds (smppd --trace skips the others),
    // and nothing is renamed at each rotation, which numbered archives would do.
    file->setProperty("archive", "timestamp");
    if (options.retention_days > 0) {
        file->setProperty("purgeAge", std::to_string(options.retention_days) + " days");
    } else {
        file->setProperty("purgeCount", std::to_string(std::max<std::uint32_t>(options.keep, 1)));
    }
    file->setProperty("compress", "false"); // BatchingChannel compresses, at a cheaper level
    file->setProperty("times", "utc");
    file->open();
    BatchingChannel::Options batching;
    batching.console = options.console;
    batching.compress = options.compress;
    batching.rotate_size = rotation;
    Output out;
    out.channel = new BatchingChannel(file, batching);
    return out;
}

/// smppd.pdu never reaches smppd.log: it has its own file, or it is silenced.
void routePduLogger(State& s)
{
    Poco::Logger::get(kPduLogger);
    if (s.pdu.channel) {
        Poco::Logger::setChannel(kPduLogger, s.pdu.channel);
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

void emit(Poco::Logger& l, int priority, std::string_view text)
{
    emit(l, priority, text, Poco::Timestamp());
}

void emit(Poco::Logger& l, int priority, std::string_view text, const Poco::Timestamp& time)
{
    Poco::Channel::Ptr channel = l.getChannel();
    if (auto* batching = dynamic_cast<BatchingChannel*>(channel.get())) {
        batching->append(priority, text, time);
    } else if (channel) {
        Poco::Message message(
            l.name(), std::string(text), static_cast<Poco::Message::Priority>(priority));
        message.setTime(time);
        channel->log(message);
    }
}

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
    Output out = makeOutput(options, options.file_name);
    State& s = state();
    const std::lock_guard lock(s.mutex);
    Poco::Logger::root();
    Poco::Logger::setChannel("", out.channel);
    Poco::Logger::setLevel("", level);
    routePduLogger(s);
    std::swap(s.main, out);
    out.close(); // the previous configuration, if any
}

void setupPduTraceLog(const LogOptions& options)
{
    LogOptions pdu = options;
    pdu.console = false;
    Output out = makeOutput(pdu, "pdu-trace.log");
    State& s = state();
    const std::lock_guard lock(s.mutex);
    std::swap(s.pdu, out);
    routePduLogger(s);
    out.close();
}

void flushLogging()
{
    State& s = state();
    const std::lock_guard lock(s.mutex);
    for (Output* out : {&s.main, &s.pdu}) {
        if (out->channel) {
            out->channel->flush();
        }
    }
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
