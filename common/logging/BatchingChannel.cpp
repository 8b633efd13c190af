#include "common/logging/BatchingChannel.h"

#include "common/logging/ArchiveCompression.h"
#include "common/logging/Fields.h"
#include "common/platform/ThreadName.h"

#include <Poco/File.h>
#include <Poco/Message.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
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
      path_(file_->getProperty("path")),
      file_day_(dayOfExistingFile(path_, utcDay(Poco::Timestamp())))
{
    try {
        file_size_ = Poco::File(path_).exists() ? Poco::File(path_).getSize() : 0;
    } catch (const Poco::Exception&) {
        file_size_ = 0;
    }
    writer_ = std::thread([this] { run(); });
    if (options_.compress) {
        compress_due_ = true; // archives an earlier run left plain
        compressor_ = std::thread([this] { runCompressor(); });
    }
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
    int priority, std::string_view text, const Poco::Timestamp& time, fmt::memory_buffer& out)
{
    // Formatting the date costs more than the rest of the prefix: once a second per thread.
    // Plain arrays: a thread_local with a destructor crashes mingw-w64 builds at thread exit.
    constexpr std::size_t kPrefixSize = 20; // "2026-12-07T07:35:17."
    thread_local std::int64_t cached_second = -1;
    thread_local std::array<char, kPrefixSize> cached_prefix{};
    const std::int64_t micros = time.epochMicroseconds();
    const std::int64_t second = floorDiv(micros, kMicrosPerSecond);
    if (second != cached_second) {
        const auto t = static_cast<std::time_t>(second);
        fmt::format_to_n(cached_prefix.data(),
            cached_prefix.size(),
            "{:%Y-%m-%dT%H:%M:%S}.",
            fmt::gmtime(t)); // years 1000-9999: always 20 characters
        cached_second = second;
    }
    // Microseconds: lines written after their step (PendingLines) may reach the file out of
    // order, and their times must still order the steps of a message (smppd --trace sorts).
    auto fraction = static_cast<int>(micros - second * kMicrosPerSecond);
    char digits[6];
    for (int i = 5; i >= 0; --i) { // by hand: this runs for every line
        digits[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    out.append(cached_prefix.data(), cached_prefix.data() + cached_prefix.size());
    out.append(std::begin(digits), std::end(digits));
    out.append(std::string_view("Z level="));
    out.append(levelName(priority));
    out.push_back(' ');
    out.append(text);
    out.push_back('\n');
}

void BatchingChannel::log(const Poco::Message& msg)
{
    append(msg.getPriority(), msg.getText(), msg.getTime());
}

void BatchingChannel::append(int priority, std::string_view text, const Poco::Timestamp& time)
{
    // The line is made before taking the lock, which then covers one copy: session threads,
    // the store's answer thread and the writer all meet on it.
    fmt::memory_buffer line; // on the stack up to 500 bytes; made outside the lock
    appendLine(priority, text, time, line);
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
            if (!spare_.empty()) { // a buffer that has grown: no reallocation, no new pages
                pending_.back().text.swap(spare_.back());
                spare_.pop_back();
            }
        }
        pending_.back().text.append(line.data(), line.size());
        pending_bytes_ += line.size();
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
        fmt::memory_buffer line;
        appendLine(note.getPriority(), note.getText(), note.getTime(), line);
        chunk.text.append(line.data(), line.size());
        chunks.push_back(std::move(chunk));
    }
    write(chunks);
    recycle(chunks);
}

void BatchingChannel::recycle(std::vector<Chunk>& chunks)
{
    // The next batches reuse these buffers: grown from empty every 100 ms, their reallocations,
    // copies and page faults would happen under the lock. The writer may still be writing one
    // batch while the next fills, so a few are kept.
    constexpr std::size_t kSpares = 3;
    const std::lock_guard lock(mutex_);
    for (auto& chunk : chunks) {
        if (spare_.size() < kSpares && chunk.text.capacity() > 0) {
            chunk.text.clear();
            spare_.push_back(std::move(chunk.text));
        }
    }
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
        // Assigned into the text a batch before left: a new Message would copy megabytes into
        // fresh pages (page faults) for every batch.
        batch_.setText(chunk.text);
        if (chunk.day != file_day_) {
            writeToNewFile(batch_);
            file_day_ = chunk.day;
        } else {
            file_->log(batch_);
        }
        compressIfRotated(chunk.text.size());
    }
}

void BatchingChannel::compressIfRotated(std::size_t written)
{
    if (!options_.compress) {
        return;
    }
    std::uint64_t size = 0;
    try {
        size = Poco::File(path_).getSize();
    } catch (const Poco::Exception&) {
        return; // the FileChannel reports a file it cannot write
    }
    const bool rotated = size < file_size_ + written;
    file_size_ = size;
    if (rotated) {
        {
            const std::lock_guard lock(compress_mutex_);
            compress_due_ = true;
        }
        compress_wake_.notify_one();
    }
}

void BatchingChannel::runCompressor()
{
    smpp::platform::nameCurrentThread("log-compress");
    // Compressing costs CPU in proportion to the log's volume: at full load it would take it
    // from the messages. It waits for idle CPU instead; archives stay plain meanwhile.
    smpp::platform::idleCurrentThread();
    std::unique_lock lock(compress_mutex_);
    for (;;) {
        compress_wake_.wait(lock, [this] { return compress_due_ || compress_stop_; });
        if (!compress_due_) {
            return; // stopping with nothing to do
        }
        // A pass asked for before the stop still runs: usually one archive. Whatever is left
        // plain (a crash, a pass refused) is compressed by the next start's first pass.
        compress_due_ = false;
        lock.unlock();
        const auto errors = compressArchives(path_, options_.compress_bytes_per_second);
        for (const auto& error : errors) {
            append(Poco::Message::PRIO_WARNING,
                fmt::format("event=log_compress_failed error={}", quoted(error)),
                Poco::Timestamp());
        }
        lock.lock();
        if (compress_stop_) {
            return;
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
    {
        const std::lock_guard lock(compress_mutex_);
        compress_stop_ = true;
    }
    compress_wake_.notify_one();
    if (compressor_.joinable()) {
        compressor_.join();
    }
    flush();
    file_->close();
}

} // namespace logging
