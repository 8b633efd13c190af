#include "smppd/store/WalCheckpointer.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/ThreadName.h"
#include "smppd/store/SqliteConnection.h"
#include "smppd/store/SqliteStatement.h"
#include "smppd/store/StoreError.h"

#include <sqlite3.h>

#include <chrono>

namespace smppd {

namespace {

constexpr auto kBusyStep = std::chrono::microseconds(50);

// The connection's busy_timeout (PRAGMA busy_timeout without a value reads it).
std::chrono::milliseconds busyTimeoutOf(SqliteConnection& db)
{
    auto& s = db.statement("PRAGMA busy_timeout");
    const std::int64_t ms = s.step() ? s.int64(0) : 0;
    s.reset();
    return std::chrono::milliseconds(ms);
}

} // namespace

int WalCheckpointer::waitBriefly(void* wait, int attempts)
{
    // The writer and the checkpointer each hold the WAL's write lock for about a millisecond;
    // SQLite's busy_timeout handler would sleep 1, 2, 5, 10 ms... for it (a latency tail of its
    // own). By time, not by steps: a 50 us sleep takes 140-150 us on this machine (20,000 sleeps,
    // p50, idle and with both cores busy), so 100,000 steps meant 14 s, not 5.
    auto& busy = *static_cast<BusyWait*>(wait);
    const auto now = std::chrono::steady_clock::now();
    if (attempts == 0) {
        busy.since = now; // a connection is used by one thread at a time: no lock needed
    }
    if (now - busy.since >= busy.patience) {
        return 0;
    }
    std::this_thread::sleep_for(kBusyStep);
    return 1;
}

WalCheckpointer::WalCheckpointer(const std::string& path, WalCheckpointOptions options)
    : options_(options),
      db_(std::make_unique<SqliteConnection>(path))
{
    sqlite3_busy_handler(db_->handle(), &WalCheckpointer::waitBriefly, &own_wait_);
    thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::attach(SqliteConnection& writer)
{
    // sqlite3_wal_hook replaces the auto-checkpoint (itself a WAL hook): from now on, only
    // this thread checkpoints. Bounding the WAL file keeps the disk use of a burst temporary.
    writer.exec("PRAGMA journal_size_limit = 67108864");
    writer_wait_.patience = busyTimeoutOf(writer); // its owner's, in 50 us steps from now on
    sqlite3_busy_handler(writer.handle(), &WalCheckpointer::waitBriefly, &writer_wait_);
    sqlite3_wal_hook(writer.handle(), &WalCheckpointer::onCommit, this);
}

void WalCheckpointer::detach(SqliteConnection& writer)
{
    sqlite3_wal_autocheckpoint(writer.handle(), options_.threshold_pages);
    // writer_wait_ goes with this object; the writer may outlive it (and wait while closing).
    sqlite3_busy_timeout(writer.handle(), static_cast<int>(writer_wait_.patience.count()));
}

void WalCheckpointer::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::uint64_t WalCheckpointer::checkpoints() const
{
    std::lock_guard lock(mutex_);
    return checkpoints_;
}

int WalCheckpointer::onCommit(void* self, sqlite3* /*db*/, const char* /*schema*/, int wal_pages)
{
    static_cast<WalCheckpointer*>(self)->noteCommit(wal_pages);
    return SQLITE_OK;
}

void WalCheckpointer::noteCommit(int wal_pages)
{
    bool due = false;
    {
        std::lock_guard lock(mutex_);
        if (wal_pages <= wal_pages_) {
            // A commit always appends frames: a count that did not grow means the writer
            // started the WAL again from its beginning (after a complete checkpoint).
            checkpointed_pages_ = 0;
            attempted_at_pages_ = -1;
        }
        wal_pages_ = wal_pages;
        due = isDue();
    }
    if (due) {
        wake_.notify_one();
    }
}

bool WalCheckpointer::isDue() const
{
    // Not again before a new commit: a reader's snapshot may hold frames back, and retrying
    // without new frames would spin.
    return wal_pages_ != attempted_at_pages_
        && wal_pages_ - checkpointed_pages_ >= options_.threshold_pages;
}

void WalCheckpointer::loop()
{
    smpp::platform::nameCurrentThread("wal-checkpoint");
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || isDue(); });
        if (stopping_) {
            return;
        }
        attempted_at_pages_ = wal_pages_;
        lock.unlock();
        const int copied = checkpointNow();
        lock.lock();
        ++checkpoints_;
        // The writer may have restarted the WAL meanwhile (wal_pages_ fell below `copied`).
        checkpointed_pages_ = copied >= 0 && copied <= wal_pages_ ? copied : 0;
    }
}

int WalCheckpointer::checkpointNow()
{
    try {
        // A connection opens the file (and learns it is in WAL mode) on its first read only.
        db_->exec("SELECT 1 FROM sqlite_master LIMIT 1");
    } catch (const StoreError& e) {
        // Busy past the 50 ms, or an I/O error: the WAL still holds every commit, and the next
        // commit tries again. An exception leaving this thread would end the process.
        noteFailure("open", e.what());
        return -1;
    }
    const int copied = checkpoint(SQLITE_CHECKPOINT_PASSIVE, "passive");
    return copied >= 0 ? checkpoint(SQLITE_CHECKPOINT_RESTART, "restart") : copied;
}

void WalCheckpointer::noteFailure(const char* mode, const std::string& error)
{
    // Once per fault, like the store's own event=store_failed: while the disk is full every
    // checkpoint fails, and one line per attempt would bury the cause.
    ++failures_;
    if (!failing_) {
        failing_ = true;
        logging::log(log_,
            logging::ev::wal_checkpoint_failed,
            "mode={} error={}",
            mode,
            logging::quoted(error));
    }
}

int WalCheckpointer::checkpoint(int mode, const char* name)
{
    const auto started = std::chrono::steady_clock::now();
    int wal_frames = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, mode, &wal_frames, &copied);
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (rc == SQLITE_BUSY) {
        // RESTART could not get the writer or a reader out of the way in time: PASSIVE did the
        // copying, the WAL restarts after a later checkpoint. Nothing is lost either way.
        logging::log(log_, logging::ev::wal_checkpoint, "mode={} busy=1 ms={:.2f}", name, ms);
        return copied;
    }
    if (rc != SQLITE_OK) {
        // The WAL still holds every commit: nothing is lost, the next commit tries again.
        noteFailure(name, sqlite3_errstr(rc));
        return -1;
    }
    if (failing_) {
        failing_ = false;
        logging::log(log_, logging::ev::wal_checkpoint_recovered, "failed_attempts={}", failures_);
        failures_ = 0;
    }
    logging::log(log_,
        logging::ev::wal_checkpoint,
        "mode={} wal_pages={} copied={} ms={:.2f}",
        name,
        wal_frames,
        copied,
        ms);
    return copied;
}

} // namespace smppd
