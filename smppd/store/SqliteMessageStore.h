#pragma once

#include "smppd/store/MessageStore.h"
#include "smppd/store/StoreFaults.h"

#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace smpp::platform {
class FileLock;
}

namespace smppd {

class SqliteConnection;
class WalCheckpointer;
struct StoreOperation;

/// Options of SqliteMessageStore.
struct SqliteStoreOptions {
    std::string path; ///< database file (created with its folder), or ":memory:" for tests
    /// Inserts accepted but not yet answered (queued, committing or awaiting their completion)
    /// beyond which insert() answers QueueFull.
    std::size_t max_queue = 100000;
    /// true: synchronous=FULL, the WAL is fsync'ed at every commit, so an acknowledged message
    /// survives a power loss too. false: synchronous=NORMAL, survives a process crash (SIGKILL)
    /// but not a power loss. Group commit makes FULL affordable: one fsync per batch.
    bool sync_full = true;
    /// Called by the writer thread after each committed batch (keep it short and lock-free):
    /// how long its oldest operation waited to be taken, and how long the transaction took,
    /// BEGIN to the end of COMMIT (fsync included). For the metrics; may be empty.
    std::function<void(std::chrono::nanoseconds queue_wait, std::chrono::nanoseconds commit)>
        on_commit{};
    /// During a fault (a commit failed: disk full, I/O error, read-only file...), inserts are
    /// refused at once with Error, without a write, and the writer tries one small write this
    /// often; the fault ends with the first commit that works (that probe, or any other write).
    std::chrono::milliseconds probe_interval{1000};
    /// Where each committed batch's completions run, in commit order. The server posts them to
    /// its event loop, which owns the sessions and the routing they feed, while the writer
    /// commits the next batch. Empty: on the writer thread, before it takes the next batch
    /// (tests and tools). Whatever it is must run every task until close() has returned.
    std::function<void(std::function<void()>)> answer_on{};
};

/// MessageStore on SQLite (WAL), sqlite3 C API. One writer thread owns the write connection and
/// its prepared statements; it drains every queued operation into ONE transaction and commits
/// (a failed statement or commit rolls back and answers Error to the whole batch, never a false
/// Ok). It then hands the batch's completions, in queue order, to `answer_on` (the server's event
/// loop), and commits the next batch while they run: completions (submit_sm_resp, routing) never
/// delay the next commit, and they run on the thread that owns what they answer. Another
/// connection checkpoints the WAL on its own thread (WalCheckpointer),
/// so no commit pays for a checkpoint. Reads use a second connection (WAL readers see the last
/// commit); with
/// ":memory:" they share the write connection under its mutex.
/// Ids: the next id is 1 + max(MAX(id), the stored high-water mark), so ids never repeat across
/// restarts even after a purge deleted the newest rows.
/// Faults (architecture §4.6): the first failed commit logs `event=store_failed` with SQLite's
/// cause; the operations that fail meanwhile are counted (health()), not logged; the first
/// commit that works again logs `event=store_recovered` with how many failed.
/// One process at a time: the store holds an exclusive lock on `<path>.lock` while open, so a
/// second smppd on the same file refuses to start (readers such as sqlite3 are not affected).
class SqliteMessageStore final : public MessageStore {
public:
    /// Opens (creating if needed) the database and starts the writer. Throws StoreOpenError,
    /// whose message names the file, SQLite's cause and what to do: a folder that cannot be
    /// created, a file that is not a database or is corrupt, cannot be read or written, is used by
    /// another smppd (or locked by another process), or has a schema from a newer version.
    explicit SqliteMessageStore(const SqliteStoreOptions& options);

    /// close().
    ~SqliteMessageStore() override;

    SqliteMessageStore(const SqliteMessageStore&) = delete;
    SqliteMessageStore& operator=(const SqliteMessageStore&) = delete;

    /// Commits what is queued, waits for its completions to have run, stops the writer, closes
    /// the database. Later operations answer Error (synchronously) and reads throw StoreError.
    /// Idempotent. Not on the thread of `answer_on` (it waits for that thread).
    void close();

    std::int64_t insert(Message message, StoreCompletion done) override;
    void updateState(const StateUpdate& update, StoreCompletion done = {}) override;
    void markReceipt(std::int64_t id, ReceiptState receipt, StoreCompletion done = {}) override;
    void reschedule(std::int64_t id,
        int attempts,
        TimePoint next_attempt_at,
        StoreCompletion done = {}) override;
    void cancel(std::int64_t id, TimePoint now, StoreCompletion done) override;
    void replace(const Replacement& replacement, StoreCompletion done) override;
    void expire(TimePoint now, ExpiredCallback done) override;
    void purge(TimePoint older_than, std::int64_t limit, StoreCompletion done) override;
    void flush() override;
    std::optional<Message> find(std::int64_t id) override;
    std::vector<Message> loadUnfinished() override;
    std::vector<Message> pendingReceipts(std::int64_t after_id, std::size_t limit) override;
    std::vector<std::int64_t> pendingReceiptIds(std::int64_t after_id, std::size_t limit) override;
    std::vector<std::int64_t> findOpen(const std::string& origin,
        const std::string& service_type,
        const std::string& source_addr,
        const std::string& destination_addr) override;
    StoreCounters counters() const override;

    /// Every operation queued so far has had its completion run (what flush() waits for, as a
    /// question: for a caller that runs `answer_on`'s tasks itself).
    bool answeredAll() const;

    /// Gives back the page cache a burst filled (sqlite3_db_release_memory on the writer's and
    /// the reader's connections): the jobs' memory pass calls it in the first quiet interval
    /// after a burst, so that RSS returns close to what it was before. The cache refills as
    /// needed. Waits for the writer's current transaction.
    void releaseMemory();

    /// The fault state and the failures by reason, for /health and /metrics.
    StoreHealth health() const;

    /// The schema version this build writes (PRAGMA user_version); a newer one refuses to open.
    static constexpr std::int64_t kSchemaVersion = 1;

private:
    /// A batch after its transaction: the results its completions will get.
    struct CommittedBatch {
        std::deque<std::unique_ptr<StoreOperation>> ops;
        std::vector<StoreResult> results;
        std::size_t inserts = 0;
        bool ok = false; ///< committed (else rolled back: every result is Error)
    };

    /// Why a transaction failed: SQLite's extended code (0 if not SQLite's) and its message.
    struct Failure {
        int code = 0;
        std::string what;
    };

    void open(bool memory);
    bool enqueue(std::unique_ptr<StoreOperation> op, bool is_insert);
    /// During a fault, refuses an insert at once (true: `op` is answered). With queue_mutex_.
    bool refuseDuringFault(StoreOperation& op, std::unique_lock<std::mutex>& lock);
    /// Waits for work; during a fault, at most probe_interval (false: run a probe).
    bool waitForWork(std::unique_lock<std::mutex>& lock);
    /// During a fault: one small write, to learn whether the store works again.
    void probe();
    /// Records (and logs the start or end of a fault) after a transaction of `operations`.
    void noteOutcome(const std::optional<Failure>& failure, std::size_t operations);
    void writerLoop();
    /// Runs a committed batch's completions (where `answer_on` puts them).
    void answer(CommittedBatch& batch);
    CommittedBatch commitBatch(std::deque<std::unique_ptr<StoreOperation>> batch);
    /// One transaction over `batch`; nullopt when committed, else the error (rolled back).
    std::optional<Failure> runTransaction(const std::deque<std::unique_ptr<StoreOperation>>& batch,
        std::vector<StoreResult>& results);
    SqliteConnection& readConnection(); ///< throws StoreError once closed

    SqliteStoreOptions options_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.store");
    std::unique_ptr<smpp::platform::FileLock> lock_; ///< one smppd per file; null for ":memory:"
    std::unique_ptr<SqliteConnection> writer_db_;
    std::unique_ptr<SqliteConnection> reader_db_; ///< null for ":memory:" (reads use writer_db_)
    /// Checkpoints the WAL off the commit path; null for ":memory:".
    std::unique_ptr<WalCheckpointer> checkpointer_;
    std::atomic<std::int64_t> next_id_{1};

    mutable std::mutex queue_mutex_; ///< guards everything below
    std::condition_variable queue_cv_; ///< the writer waits for work
    std::condition_variable done_cv_; ///< flush() waits for completed_seq_
    std::deque<std::unique_ptr<StoreOperation>> queue_;
    std::chrono::steady_clock::time_point queued_since_{}; ///< when queue_ last became non-empty
    std::size_t pending_inserts_ = 0; ///< accepted inserts whose completion has not run
    std::uint64_t enqueued_seq_ = 0; ///< operations ever queued
    std::uint64_t completed_seq_ = 0; ///< operations whose completion ran
    bool stopping_ = false;
    bool closed_ = false; ///< no new operations
    bool reads_closed_ = false; ///< the threads are gone: reads throw
    StoreCounters counters_;
    StoreFaults faults_;
    std::thread writer_;
};

} // namespace smppd
