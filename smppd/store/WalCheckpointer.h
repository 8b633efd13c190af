#pragma once

#include <Poco/Logger.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace smppd {

class SqliteConnection;

/// When WalCheckpointer copies the WAL back into the database.
struct WalCheckpointOptions {
    /// WAL frames written since the last checkpoint that start a PASSIVE checkpoint (SQLite's
    /// own auto-checkpoint threshold is 1000).
    int threshold_pages = 1000;
    /// A WAL this large (frames) gets a RESTART checkpoint, which waits for the writer between
    /// two commits so that the next commit starts the WAL again from its beginning. Under a load
    /// without pauses, PASSIVE checkpoints never catch up with the last frame and the WAL would
    /// otherwise grow without bound (64000 frames of 4 KiB: 250 MiB).
    int restart_pages = 64000;
};

/// Checkpoints one WAL database from its own connection and thread, so that no commit pays
/// for a checkpoint. SQLite's auto-checkpoint runs inside the COMMIT that crosses 1000 pages:
/// it copies them into the database file and, with synchronous=FULL or NORMAL, fsyncs it, so
/// every thousandth page or so one batch of submit_sm_resp waits milliseconds (the p99 tail).
/// attach() turns auto-checkpoint off on the writer and hooks its commits to wake this thread;
/// a PASSIVE checkpoint never blocks the writer (WAL: the writer appends while it copies).
class WalCheckpointer {
public:
    /// Opens its own connection to `path` and starts the thread. Throws StoreError.
    WalCheckpointer(const std::string& path, WalCheckpointOptions options);
    /// stop().
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Takes over checkpointing of `writer` (same database). Call once, before its first commit,
    /// from the thread that owns `writer`. detach() before `writer` is closed.
    void attach(SqliteConnection& writer);
    /// Gives checkpointing back to `writer` (SQLite's default auto-checkpoint). Call while no
    /// thread commits on `writer`.
    void detach(SqliteConnection& writer);

    /// Ends the thread (a checkpoint in progress finishes first). Idempotent.
    void stop();

    /// Checkpoints run so far (for tests and metrics).
    std::uint64_t checkpoints() const;

private:
    static int onCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
    void noteCommit(int wal_pages);
    bool isDue() const; ///< with mutex_ held
    void loop();
    /// Copies the WAL into the database (PASSIVE, or RESTART when it has grown too large).
    void checkpoint(bool restart);

    const WalCheckpointOptions options_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.store");
    std::unique_ptr<SqliteConnection> db_;

    mutable std::mutex mutex_; ///< guards everything below
    std::condition_variable wake_;
    int wal_pages_ = 0; ///< frames in the WAL after the last commit
    int checkpointed_pages_ = 0; ///< frames already copied by the last checkpoint
    int attempted_at_pages_ = -1; ///< wal_pages_ when the last checkpoint started
    bool stopping_ = false;
    std::uint64_t checkpoints_ = 0;
    std::thread thread_;
};

} // namespace smppd
