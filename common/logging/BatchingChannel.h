#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/FileChannel.h>
#include <Poco/Message.h>
#include <Poco/Timestamp.h>
#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace logging {

/// The channel every logger writes to: it turns a Poco::Message into its line
/// (`2026-12-07T07:35:17.123456Z level=info <text>`, UTC) on the caller's thread, appends it to a
/// buffer under a short lock, and returns. A writer thread hands the buffer to the FileChannel
/// every `interval` as one write, so a busy server pays no system call, wake-up or context switch
/// per line (Poco's AsyncChannel wakes its thread for each one: that halved throughput).
///
/// Rotation: the FileChannel rotates by size; this channel also starts a new file when the UTC
/// day changes, so an archive never spans two days (support looks for "yesterday"). Lines wait at
/// most `interval` (errors and worse are written at once), and close() writes everything left.
class BatchingChannel : public Poco::Channel {
public:
    struct Options {
        std::chrono::milliseconds interval{100};
        bool console = false; ///< also write the lines to stderr
        bool compress = false; ///< gzip each archive after a rotation (see compressArchives)
        /// The compressor reads at most this many bytes a second (0 = no limit): 4 MB/s is
        /// about 8,000 messages a second with their receipts, and about 1% of a core.
        std::uint64_t compress_bytes_per_second = 4U * 1024 * 1024;
        std::string
            rotate_size; ///< the FileChannel's size rotation spec, restored after a day turn
        /// When a buffered batch exceeds this, lines are dropped (and counted) until the disk
        /// catches up: the log never takes all the memory.
        std::size_t max_pending_bytes = 64U * 1024 * 1024;
    };

    BatchingChannel(Poco::AutoPtr<Poco::FileChannel> file, Options options);
    ~BatchingChannel() override;

    void log(const Poco::Message& msg) override;
    /// log() without a Poco::Message (whose constructor copies the source, asks the thread's
    /// name and makes a getpid() system call): the hot path of logging::log().
    void append(int priority, std::string_view text, const Poco::Timestamp& time);
    /// Writes what is buffered, stops the writer thread and closes the file. Idempotent.
    void close() override;

    /// Writes what is buffered now (tests, shutdown).
    void flush();

    /// The UTC day number (days since 1970-01-01) of a timestamp.
    static std::int64_t utcDay(const Poco::Timestamp& t);

private:
    /// Lines of one UTC day, in arrival order.
    struct Chunk {
        std::int64_t day = 0;
        std::string text;
    };

    static void appendLine(
        int priority, std::string_view text, const Poco::Timestamp& time, fmt::memory_buffer& out);
    void recycle(std::vector<Chunk>& chunks);
    void run();
    void write(std::vector<Chunk>& chunks);
    void writeToNewFile(const Poco::Message& batch);
    /// After a write of `written` bytes: if the file is now smaller than before plus them, the
    /// FileChannel rotated it, and the compressor thread is asked to gzip the new archive.
    void compressIfRotated(std::size_t written);
    void runCompressor();

    Poco::AutoPtr<Poco::FileChannel> file_;
    Options options_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Chunk> pending_;
    std::size_t pending_bytes_ = 0;
    std::uint64_t dropped_ = 0;
    bool stopping_ = false;
    bool urgent_ = false;
    std::vector<std::string> spare_; ///< emptied buffers of earlier batches, for their capacity

    std::mutex write_mutex_; ///< one writer at a time: the thread, flush() and close()
    std::string path_; ///< the current log file
    std::uint64_t file_size_ = 0; ///< its size after the last write
    std::int64_t file_day_ = -1; ///< the UTC day of the lines in the current file
    Poco::Message batch_; ///< what the FileChannel writes: its text's capacity is reused
    std::thread writer_;

    std::mutex compress_mutex_;
    std::condition_variable compress_wake_;
    bool compress_due_ = false;
    bool compress_stop_ = false;
    std::thread compressor_; ///< at idle priority: see runCompressor()
};

} // namespace logging
