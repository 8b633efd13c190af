#include "common/logging/BatchingChannel.h"

#include "common/platform/ThreadName.h"

#include <Poco/File.h>
#include <Poco/Message.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>
#include <ctime>
#include <iostream>
#include <iterator>
#include <string_view>
#include <utility>

namespace logging {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

std::string_view levelName(int p)
{
    static constexpr std::array<std::string_view, 9> kNames{
        "none", "fatal", "critical", "error", "warning", "notice", "info", "debug", "trace"};
    const auto i = static_cast<std::size_t>(p);
    return i < kNames.size() ? kNames[i] : "trace";
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

/// The UTC day of the lines already in the file, so a restart on the next day rotates first.
std::int64_t dayOfExistingFile(const std::string& path, std::int64_t today)
{
    try {
        const Poco::File file(path);
        if (file.exists() && file.getSize() > 0) {
            return BatchingChannel::utcDay(file.getLastModified());
        }
    } catch (const Poco::Exception&) {
        // unreadable: treat as today's; the FileChannel reports real problems when it writes
    }
    return today;
}

} // namespace

std::int64_t BatchingChannel::utcDay(const Poco::Timestamp& t)
{
    return floorDiv(floorDiv(t.epochMicroseconds(), kMicrosPerSecond), kSecondsPerDay);
}

BatchingChannel::BatchingChannel(Poco::AutoPtr<Poco::FileChannel> file, Options options)
    : file_(std::move(file)),
      options_(std::move(options)),
      file_day_(dayOfExistingFile(file_->getProperty("path"), utcDay(Poco::Timestamp())))
{
    writer_ = std::thread([this] { run(); });
}

BatchingChannel::~BatchingChannel()
{
    try {
        close();
    } catch (...) {
        // a destructor must not throw; close() reports nothing more useful here
    }
}

void BatchingChannel::appendLine(
    int priority, std::string_view text, const Poco::Timestamp& time, std::string& out)
{
    const std::int64_t micros = time.epochMicroseconds();
    const std::int64_t second = floorDiv(micros, kMicrosPerSecond);
    if (second != cached_second_) {
        // Formatting the date costs more than the rest of the prefix: once a second is enough.
        const auto t = static_cast<std::time_t>(second);
        cached_prefix_ = fmt::format("{:%Y-%m-%dT%H:%M:%S}.", fmt::gmtime(t));
        cached_second_ = second;
    }
    // Microseconds: lines written after their step (PendingLines) may reach the file out of
    // order, and their times must still order the steps of a message (smppd --trace sorts).
    const auto fraction = static_cast<int>(micros - second * kMicrosPerSecond);
    out.append(cached_prefix_);
    fmt::format_to(std::back_inserter(out), "{:06}Z level={} ", fraction, levelName(priority));
    out.append(text);
    out.push_back('\n');
}

void BatchingChannel::log(const Poco::Message& msg)
{
    append(msg.getPriority(), msg.getText(), msg.getTime());
}

void BatchingChannel::append(int priority, std::string_view text, const Poco::Timestamp& time)
{
    const std::int64_t day = utcDay(time);
    const bool urgent = priority <= Poco::Message::PRIO_ERROR;
    {
        const std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        if (pending_bytes_ > options_.max_pending_bytes) {
            ++dropped_;
            return;
        }
        if (pending_.empty() || pending_.back().day != day) {
            pending_.push_back(Chunk{day, {}});
        }
        auto& chunk_text = pending_.back().text;
        const auto before = chunk_text.size();
        appendLine(priority, text, time, chunk_text);
        pending_bytes_ += chunk_text.size() - before;
        urgent_ = urgent_ || urgent;
        if (!urgent) {
            return;
        }
    }
    wake_.notify_one();
}

void BatchingChannel::run()
{
    smpp::platform::nameCurrentThread("log-writer");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, options_.interval, [this] { return stopping_ || urgent_; });
        lock.unlock();
        flush();
        lock.lock();
    }
}

void BatchingChannel::flush()
{
    const std::lock_guard writing(write_mutex_);
    std::vector<Chunk> chunks;
    std::uint64_t dropped = 0;
    {
        const std::lock_guard lock(mutex_);
        chunks.swap(pending_);
        pending_bytes_ = 0;
        urgent_ = false;
        std::swap(dropped, dropped_);
    }
    if (dropped > 0) {
        Poco::Message note("",
            fmt::format("event=log_lines_dropped count={}", dropped),
            Poco::Message::PRIO_WARNING);
        Chunk chunk{utcDay(note.getTime()), {}};
        appendLine(note.getPriority(), note.getText(), note.getTime(), chunk.text);
        chunks.push_back(std::move(chunk));
    }
    write(chunks);
}

void BatchingChannel::write(std::vector<Chunk>& chunks)
{
    for (auto& chunk : chunks) {
        if (chunk.text.empty()) {
            continue;
        }
        if (options_.console) {
            std::clog << chunk.text << std::flush;
        }
        chunk.text.pop_back(); // the FileChannel ends each write with its own newline
        const Poco::Message batch("", chunk.text, Poco::Message::PRIO_INFORMATION);
        if (chunk.day != file_day_) {
            writeToNewFile(batch);
            file_day_ = chunk.day;
        } else {
            file_->log(batch);
        }
    }
}

/// Poco's FileChannel rotates by one rule only. A one-byte size rule for this write makes it
/// archive the current file (if it holds anything) before writing the new day's first lines, and
/// naming, compression and purging stay Poco's; then the real size rule comes back.
void BatchingChannel::writeToNewFile(const Poco::Message& batch)
{
    file_->setProperty("rotation", "1");
    file_->log(batch);
    file_->setProperty("rotation", options_.rotate_size);
}

void BatchingChannel::close()
{
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ && !writer_.joinable()) {
            return;
        }
        stopping_ = true;
    }
    wake_.notify_one();
    if (writer_.joinable()) {
        writer_.join();
    }
    flush();
    file_->close();
}

} // namespace logging
