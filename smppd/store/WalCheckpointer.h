#pragma once

#include <Poco/Logger.h>

#include <chrono>
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
    /// WAL frames written since the last checkpoint that start one. SQLite's auto-checkpoint
    /// uses 1000; smaller checkpoints spread the fsync work more evenly: at 50k submit_sm/s
    /// (bench, 2 cores) p99 was 5.7-7.6 ms with 250 against 7.9-9.4 ms with 1000 (sync full),
    /// 3.0-4.4 against 5.3-5.5 ms (sync normal).
    int threshold_pages = 250;
};

/// Checkpoints one WAL database from its own connection and thread, so that no commit pays
/// for copying the WAL. SQLite's auto-checkpoint runs inside the COMMIT that crosses 1000 pages:
/// it copies them into the database file and fsyncs it, so every few hundred batches one batch
/// of submit_sm_resp waited milliseconds (the p99 tail).
///
/// Each checkpoint is two steps. PASSIVE copies the bulk while the writer goes on appending
/// (it never blocks the writer). RESTART then copies the few frames appended meanwhile, holding
/// the writer back for that short moment only, so that the writer's next commit starts the WAL
/// again from its beginning: under a load without pauses, PASSIVE alone never catches the last
/// frame, and the WAL (and the fsyncs of a growing file) would grow without bound.
/// RESTART at every checkpoint, not once the WAL is large: its time grows with the WAL (at 50k
/// submit_sm/s, sync normal: 1.8 ms at every checkpoint, 2.9-3.9 ms once per 1024-4096 frames,
/// 9 ms once per 8192), and for the 99th percentile a few long stalls weigh more than many short
/// ones (p99 3.4-5.7 ms once per 8192 frames against 3.1-3.5 ms at every checkpoint).
/// Both connections wait for each other in 50 us steps, not SQLite's 1-2-5-10 ms sleeps. The
/// checkpointer gives up after 50 ms per lock: RESTART waits for the readers of older snapshots
/// while it holds the writer back, so a long read would otherwise hold every commit back for up to
/// the writer's own 5 s.
class WalCheckpointer {
public:
    /// Opens its own connection to `path` and starts the thread. Throws StoreError.
    WalCheckpointer(const std::string& path, WalCheckpointOptions options);
    /// stop().
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Takes over checkpointing of `writer` (same database). Call once, before its first commit,
    /// from the thread that owns `writer`, after its busy_timeout is set: the writer keeps that
    /// patience, waited out in 50 us steps. detach() before `writer` is closed.
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
    /// How long one connection waits for one lock, and since when it waits.
    struct BusyWait {
        std::chrono::milliseconds patience;
        std::chrono::steady_clock::time_point since{};
    };
    /// The writer waits for a lock as long as its busy_timeout said when attached. Per lock the
    /// checkpointer waits 50 ms; a RESTART waits for up to two (the readers' locks during the
    /// copy, then all of them once the WAL is copied).
    static constexpr std::chrono::milliseconds kCheckpointerPatience{50};
    /// Busy handler (`wait` is a BusyWait): 50 us steps, SQLITE_BUSY after its patience.
    static int waitBriefly(void* wait, int attempts);
    void noteCommit(int wal_pages);
    bool isDue() const; ///< with mutex_ held
    void loop();
    /// PASSIVE, then RESTART; returns the frames copied (-1 on error, logged, never thrown).
    int checkpointNow();
    /// One sqlite3_wal_checkpoint_v2 in `mode`; returns the frames it copied (-1 on error).
    int checkpoint(int mode, const char* name);
    /// Logs the first failure of a run of them (the checkpointer's thread only).
    void noteFailure(const char* mode, const std::string& error);

    const WalCheckpointOptions options_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.store");
    /// Declared before db_: closing db_ may still wait.
    BusyWait own_wait_{kCheckpointerPatience};
    BusyWait writer_wait_{std::chrono::milliseconds(0)}; ///< patience set by attach()
    std::unique_ptr<SqliteConnection> db_;

    bool failing_ = false; ///< the last attempt failed (the checkpointer's thread only)
    std::uint64_t failures_ = 0; ///< attempts failed since the last one that worked

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
