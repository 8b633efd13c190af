#include "smppd/store/SqliteMessageStore.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/FileLock.h"
#include "common/platform/ThreadName.h"
#include "smppd/store/MessageRow.h"
#include "smppd/store/SqliteConnection.h"
#include "smppd/store/SqliteErrorName.h"
#include "smppd/store/StoreError.h"
#include "smppd/store/StoreOperations.h"
#include "smppd/store/WalCheckpointer.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <utility>

namespace smppd {

namespace {

bool isMemory(const std::string& path)
{
    return path == ":memory:" || path.empty();
}

void createParentFolder(const std::string& path)
{
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec) {
            throw StoreOpenError(fmt::format("path={} reason=folder folder={} error={} "
                                             "action={}",
                logging::quoted(path),
                logging::quoted(parent.string()),
                logging::quoted(ec.message()),
                logging::quoted("create the folder, or make it creatable by smppd's account, "
                                "or set Store.Path to a writable place")));
        }
    }
}

/// What an operator should do about SQLite's `code` (at start-up or during a fault).
std::string_view adviceFor(int code)
{
    switch (code & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return "the file is not a smppd store or is damaged: stop smppd, move the file and its "
               "-wal and -shm files aside, then restore a backup or start with an empty store "
               "(sqlite3's .recover can save what is left)";
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
        return "make the file and its folder (for the -wal and -shm files) readable and "
               "writable by smppd's account, or set Store.Path to a writable place";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another process holds a lock on the database: stop it (another smppd, or a "
               "tool with the file open)";
    case SQLITE_FULL:
        return "free space on the store's volume";
    case SQLITE_IOERR:
        return "the disk or the file system failed: check the volume and the system log";
    default:
        return "see SQLite's message";
    }
}

/// SQLite's words for `e`: its standard text for the code, else the exception's.
std::string sqliteWords(int code, const std::string& what)
{
    return code != 0 ? std::string(sqlite3_errstr(code)) : what;
}

StoreOpenError openError(const std::string& path, const StoreError& e)
{
    return StoreOpenError(fmt::format("path={} reason={} error={} action={}",
                              logging::quoted(path),
                              sqliteCodeName(e.code()),
                              logging::quoted(sqliteWords(e.code(), e.what())),
                              logging::quoted(adviceFor(e.code()))),
        e.code());
}

/// Takes `<path>.lock`: a second smppd on the same store must not start (two writers would
/// interleave their ids and each resume the other's messages).
std::unique_ptr<smpp::platform::FileLock> lockStore(const std::string& path)
{
    const std::string lock_path = path + ".lock";
    try {
        return std::make_unique<smpp::platform::FileLock>(lock_path);
    } catch (const smpp::platform::FileLockError& e) {
        if (e.heldElsewhere()) {
            const std::string owner = smpp::platform::FileLock::owner(lock_path);
            throw StoreOpenError(fmt::format("path={} reason=in_use lock={} owner_pid={} "
                                             "action={}",
                logging::quoted(path),
                logging::quoted(lock_path),
                owner.empty() ? "unknown" : owner,
                logging::quoted("another smppd uses this store: stop it, or give this one its "
                                "own Store.Path")));
        }
        throw StoreOpenError(fmt::format("path={} reason=lock_file lock={} error={} action={}",
            logging::quoted(path),
            logging::quoted(lock_path),
            logging::quoted(e.what()),
            logging::quoted(adviceFor(SQLITE_CANTOPEN))));
    }
}

/// Refuses a database written by a newer smppd (PRAGMA user_version above ours): its schema
/// may mean something this build does not know.
void checkSchemaVersion(SqliteConnection& db, const std::string& path, std::int64_t supported)
{
    auto& s = db.statement("PRAGMA user_version");
    const std::int64_t version = s.step() ? s.int64(0) : 0;
    s.reset();
    if (version > supported) {
        throw StoreOpenError(fmt::format("path={} reason=schema_too_new version={} supported={} "
                                         "action={}",
            logging::quoted(path),
            version,
            supported,
            logging::quoted("a newer smppd wrote this store: run that version, or restore a "
                            "backup made by this one")));
    }
}

// How long a connection waits for a lock another one holds (a reader, the checkpointer's
// RESTART) before the operation fails; the WalCheckpointer keeps the writer's.
constexpr const char* kBusyTimeout = "PRAGMA busy_timeout = 5000";

// Durability (architecture §4.5, "committed before acknowledged"): WAL always. synchronous=FULL
// fsyncs the WAL at each commit, so an acknowledged message also survives a power loss;
// NORMAL skips that fsync and survives a process crash (SIGKILL: the data is in the OS page
// cache) but may lose the last commits on power loss. FULL is the default: with group commit
// there is one fsync per batch, not per message, which keeps the throughput target.
void configureWriter(SqliteConnection& db, bool sync_full, std::int64_t schema_version)
{
    db.exec(sync_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA cache_size = -16000"); // 16 MiB
    db.exec(message_row::kSchema);
    db.exec(fmt::format("PRAGMA user_version = {}", schema_version).c_str());
}

// The next id is above every id ever committed: MAX(id) of the rows, and the mark the purge
// saves before it deletes rows (store_ops::purge), so that a purge of the newest rows does not
// make their ids come back.
std::int64_t loadHighWater(SqliteConnection& db)
{
    static const char* const kSql = "SELECT max(COALESCE((SELECT max(id) FROM messages), 0), "
                                    "COALESCE((SELECT value FROM meta WHERE key = 'max_id'), 0))";
    auto& s = db.statement(kSql);
    const std::int64_t max_id = s.step() ? s.int64(0) : 0;
    s.reset();
    return max_id;
}

// Runs a read-only statement on `db` (under its mutex) and collects one Row per result row.
template <typename Row, typename Bind, typename ReadRow>
std::vector<Row> readRows(SqliteConnection& db, const char* sql, Bind&& bind, ReadRow&& read_row)
{
    std::scoped_lock lock(db.mutex());
    auto& s = db.statement(sql);
    std::vector<Row> rows;
    try {
        bind(s);
        while (s.step()) {
            rows.push_back(read_row(s));
        }
    } catch (const StoreError&) {
        s.reset();
        throw;
    }
    s.reset();
    return rows;
}

std::int64_t firstId(const SqliteStatement& s)
{
    return s.int64(0);
}

// ?1 = the id the page starts after, ?2 = its size.
auto bindPage(std::int64_t after_id, std::size_t limit)
{
    return [after_id, limit](SqliteStatement& s) {
        s.bind(1, after_id);
        s.bind(2, static_cast<std::int64_t>(limit));
    };
}

StoreResult errorResult(std::string detail)
{
    return StoreResult{StoreStatus::Error, 0, 0, std::move(detail)};
}

} // namespace

SqliteMessageStore::SqliteMessageStore(const SqliteStoreOptions& options) : options_(options)
{
    const bool memory = isMemory(options_.path);
    try {
        open(memory);
    } catch (const StoreOpenError&) {
        throw;
    } catch (const StoreError& e) {
        throw openError(options_.path, e);
    }
    writer_ = std::thread([this] { writerLoop(); });
}

void SqliteMessageStore::open(bool memory)
{
    if (!memory) {
        createParentFolder(options_.path);
        lock_ = lockStore(options_.path);
    }
    writer_db_ = std::make_unique<SqliteConnection>(memory ? ":memory:" : options_.path);
    writer_db_->exec(kBusyTimeout);
    if (!memory) {
        writer_db_->exec("PRAGMA journal_mode = WAL"); // the first read: a corrupt file fails here
    }
    checkSchemaVersion(*writer_db_, options_.path, kSchemaVersion);
    configureWriter(*writer_db_, options_.sync_full, kSchemaVersion);
    next_id_ = loadHighWater(*writer_db_) + 1;
    if (!memory) {
        reader_db_ = std::make_unique<SqliteConnection>(options_.path);
        reader_db_->exec(kBusyTimeout);
        reader_db_->exec("PRAGMA query_only = 1");
        checkpointer_ = std::make_unique<WalCheckpointer>(options_.path, WalCheckpointOptions{});
        checkpointer_->attach(*writer_db_);
    }
}

SqliteMessageStore::~SqliteMessageStore()
{
    close();
}

void SqliteMessageStore::close()
{
    {
        std::lock_guard lock(queue_mutex_);
        if (closed_) {
            return;
        }
        closed_ = true;
        stopping_ = true;
    }
    queue_cv_.notify_all();
    if (writer_.joinable()) {
        writer_.join(); // commits what was queued
    }
    {
        std::unique_lock lock(queue_mutex_); // and its answers have run
        done_cv_.wait(lock, [&] { return completed_seq_ >= enqueued_seq_; });
    }
    if (checkpointer_) {
        checkpointer_->stop();
        checkpointer_->detach(*writer_db_); // the last connection to close checkpoints the rest
    }
    std::scoped_lock lock(queue_mutex_, writer_db_->mutex());
    reads_closed_ = true;
}

bool SqliteMessageStore::enqueue(std::unique_ptr<StoreOperation> op, bool is_insert)
{
    std::unique_lock lock(queue_mutex_);
    if (closed_) {
        lock.unlock();
        op->complete(errorResult("store closed"));
        return false;
    }
    if (is_insert && refuseDuringFault(*op, lock)) {
        return false;
    }
    if (is_insert && pending_inserts_ >= options_.max_queue) {
        ++counters_.rejected;
        lock.unlock();
        op->complete(StoreResult{StoreStatus::QueueFull, op->insertedId(), 0, "queue full"});
        return false;
    }
    pending_inserts_ += is_insert ? 1 : 0;
    ++enqueued_seq_;
    if (queue_.empty()) {
        queued_since_ = std::chrono::steady_clock::now();
    }
    queue_.push_back(std::move(op));
    lock.unlock();
    queue_cv_.notify_one();
    return true;
}

bool SqliteMessageStore::refuseDuringFault(StoreOperation& op, std::unique_lock<std::mutex>& lock)
{
    if (!faults_.failing()) {
        return false;
    }
    // The commit would fail like the last one: answer at once, without touching the disk, and
    // count it (the fault was logged once when it began). The writer's probe ends the fault.
    const std::string reason = faults_.reason();
    faults_.failed(reason, {}, 1, std::chrono::steady_clock::now());
    ++counters_.failed;
    lock.unlock();
    op.complete(StoreResult{StoreStatus::Error, op.insertedId(), 0, "store failing: " + reason});
    return true;
}

std::int64_t SqliteMessageStore::insert(Message message, StoreCompletion done)
{
    const std::int64_t id = next_id_.fetch_add(1);
    message.id = id;
    enqueue(store_ops::insert(std::move(message), std::move(done)), true);
    return id;
}

void SqliteMessageStore::updateState(const StateUpdate& update, StoreCompletion done)
{
    enqueue(store_ops::updateState(update, std::move(done)), false);
}

void SqliteMessageStore::markReceipt(std::int64_t id, ReceiptState receipt, StoreCompletion done)
{
    enqueue(store_ops::markReceipt(id, receipt, std::move(done)), false);
}

void SqliteMessageStore::reschedule(
    std::int64_t id, int attempts, TimePoint next_attempt_at, StoreCompletion done)
{
    enqueue(store_ops::reschedule(id, attempts, next_attempt_at, std::move(done)), false);
}

void SqliteMessageStore::cancel(std::int64_t id, TimePoint now, StoreCompletion done)
{
    enqueue(store_ops::cancel(id, now, std::move(done)), false);
}

void SqliteMessageStore::replace(const Replacement& replacement, StoreCompletion done)
{
    enqueue(store_ops::replace(replacement, std::move(done)), false);
}

void SqliteMessageStore::expire(TimePoint now, ExpiredCallback done)
{
    enqueue(store_ops::expire(now, std::move(done)), false);
}

void SqliteMessageStore::purge(TimePoint older_than, std::int64_t limit, StoreCompletion done)
{
    enqueue(store_ops::purge(older_than, limit, std::move(done)), false);
}

void SqliteMessageStore::flush()
{
    std::unique_lock lock(queue_mutex_);
    const std::uint64_t target = enqueued_seq_;
    done_cv_.wait(lock, [&] { return completed_seq_ >= target; });
}

void SqliteMessageStore::releaseMemory()
{
    {
        std::lock_guard lock(queue_mutex_);
        if (reads_closed_) {
            return;
        }
    }
    for (SqliteConnection* db : {writer_db_.get(), reader_db_.get()}) {
        if (db != nullptr) {
            std::scoped_lock lock(db->mutex());
            sqlite3_db_release_memory(db->handle());
        }
    }
}

bool SqliteMessageStore::answeredAll() const
{
    std::lock_guard lock(queue_mutex_);
    return completed_seq_ >= enqueued_seq_;
}

void SqliteMessageStore::writerLoop()
{
    smpp::platform::nameCurrentThread("store-writer");
    for (;;) {
        std::deque<std::unique_ptr<StoreOperation>> batch;
        std::chrono::steady_clock::time_point queued_since;
        {
            std::unique_lock lock(queue_mutex_);
            if (!waitForWork(lock)) {
                lock.unlock();
                probe();
                continue;
            }
            if (queue_.empty()) {
                break; // stopping, and everything queued has been committed
            }
            batch.swap(queue_);
            queued_since = queued_since_;
        }
        const auto began = std::chrono::steady_clock::now();
        CommittedBatch committed = commitBatch(std::move(batch));
        if (options_.on_commit && committed.ok) {
            options_.on_commit(began - queued_since, std::chrono::steady_clock::now() - began);
        }
        if (!options_.answer_on) {
            answer(committed);
            continue;
        }
        // std::function needs a copyable task: the batch (move-only) travels in a shared_ptr.
        options_.answer_on([this, batch = std::make_shared<CommittedBatch>(std::move(committed))] {
            answer(*batch);
        });
    }
}

bool SqliteMessageStore::waitForWork(std::unique_lock<std::mutex>& lock)
{
    const auto ready = [&] { return !queue_.empty() || stopping_; };
    if (!faults_.failing()) {
        queue_cv_.wait(lock, ready);
        return true;
    }
    return queue_cv_.wait_for(lock, options_.probe_interval, ready);
}

void SqliteMessageStore::probe()
{
    static const char* const kProbe = "INSERT INTO meta (key, value) VALUES ('probe', ?1) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    std::optional<Failure> failure;
    {
        std::scoped_lock lock(writer_db_->mutex());
        try {
            writer_db_->exec("BEGIN IMMEDIATE");
            auto& s = writer_db_->statement(kProbe);
            s.bind(1, std::chrono::system_clock::now().time_since_epoch().count());
            s.step();
            s.reset();
            writer_db_->exec("COMMIT");
        } catch (const StoreError& e) {
            failure = Failure{e.code(), e.what()};
            try {
                writer_db_->exec("ROLLBACK");
            } catch (const StoreError&) {
                // No transaction left to roll back: nothing to undo.
            }
        }
    }
    noteOutcome(failure, 0); // a probe is no operation of a caller's: only its outcome counts
}

void SqliteMessageStore::noteOutcome(const std::optional<Failure>& failure, std::size_t operations)
{
    const auto now = std::chrono::steady_clock::now();
    std::unique_lock lock(queue_mutex_);
    if (failure) {
        const std::string reason(sqliteCodeName(failure->code));
        const std::string error = sqliteWords(failure->code, failure->what);
        if (!faults_.failed(reason, error, operations, now)) {
            return; // counted; logged when the fault began
        }
        lock.unlock();
        logging::log(log_,
            logging::ev::store_failed,
            "reason={} error={} path={} operations={} detail={} action={}",
            reason,
            logging::quoted(error),
            logging::quoted(options_.path),
            operations,
            logging::quoted(failure->what),
            logging::quoted(adviceFor(failure->code)));
        return;
    }
    const auto ended = faults_.succeeded(now);
    lock.unlock();
    if (ended) {
        logging::log(log_,
            logging::ev::store_recovered,
            "reason={} failed_operations={} duration_ms={} path={}",
            ended->reason,
            ended->failed_operations,
            std::chrono::duration_cast<std::chrono::milliseconds>(ended->duration).count(),
            logging::quoted(options_.path));
    }
}

void SqliteMessageStore::answer(CommittedBatch& batch)
{
    for (std::size_t i = 0; i < batch.ops.size(); ++i) {
        try {
            batch.ops[i]->complete(batch.results[i]);
        } catch (const std::exception& e) {
            // A caller's bug must not take the store (and every later answer) down.
            logging::log(log_,
                logging::ev::completion_failed,
                "message_id={} error={}",
                batch.results[i].id,
                logging::quoted(e.what()));
        }
    }
    {
        std::lock_guard lock(queue_mutex_);
        completed_seq_ += batch.ops.size();
        pending_inserts_ -= batch.inserts;
    }
    done_cv_.notify_all();
}

std::optional<SqliteMessageStore::Failure> SqliteMessageStore::runTransaction(
    const std::deque<std::unique_ptr<StoreOperation>>& batch, std::vector<StoreResult>& results)
{
    std::scoped_lock lock(writer_db_->mutex());
    try {
        writer_db_->exec("BEGIN IMMEDIATE");
        for (const auto& op : batch) {
            results.push_back(op->apply(*writer_db_));
        }
        writer_db_->exec("COMMIT");
        return std::nullopt;
    } catch (const std::exception& e) {
        // StoreError in practice; anything else (std::bad_alloc) must not end the writer thread
        // either, which would end the process: the batch fails like any failed commit.
        const auto* store_error = dynamic_cast<const StoreError*>(&e);
        Failure failure{store_error != nullptr ? store_error->code() : 0, e.what()};
        try {
            writer_db_->exec("ROLLBACK");
        } catch (const StoreError&) {
            // No transaction left to roll back (SQLite already did): nothing to undo.
        }
        return failure;
    }
}

SqliteMessageStore::CommittedBatch SqliteMessageStore::commitBatch(
    std::deque<std::unique_ptr<StoreOperation>> batch)
{
    CommittedBatch out;
    out.results.reserve(batch.size());
    const auto failure = runTransaction(batch, out.results);
    for (const auto& op : batch) {
        out.inserts += op->insertedId() > 0 ? 1 : 0;
    }
    if (failure) {
        // Never a false Ok: every operation of a rolled-back batch answers Error.
        out.results.clear();
        for (const auto& op : batch) {
            StoreResult result = errorResult(failure->what);
            result.id = op->insertedId();
            out.results.push_back(std::move(result));
        }
    }
    out.ok = !failure;
    {
        std::lock_guard lock(queue_mutex_);
        const bool committed = !failure;
        counters_.batches += committed ? 1 : 0;
        counters_.committed += committed ? batch.size() : 0;
        counters_.inserts += committed ? out.inserts : 0;
        counters_.failed += committed ? 0 : batch.size();
    }
    // Only a failure is noted here: a fault ends with the probe's write, not with a batch that
    // was queued before it began (on a nearly full disk a small batch may fit between two
    // failing ones, and the fault would flap: one start and end line per batch).
    if (failure) {
        noteOutcome(failure, batch.size());
    }
    out.ops = std::move(batch);
    return out;
}

SqliteConnection& SqliteMessageStore::readConnection()
{
    std::lock_guard lock(queue_mutex_);
    if (reads_closed_) {
        throw StoreError("store closed");
    }
    return reader_db_ ? *reader_db_ : *writer_db_;
}

std::optional<Message> SqliteMessageStore::find(std::int64_t id)
{
    static const char* const kSql = SMPPD_MESSAGE_SELECT "WHERE id = ?1";
    auto messages = readRows<Message>(
        readConnection(), kSql, [&](SqliteStatement& s) { s.bind(1, id); }, &message_row::read);
    if (messages.empty()) {
        return std::nullopt;
    }
    return std::move(messages.front());
}

std::vector<Message> SqliteMessageStore::loadUnfinished()
{
    return readRows<Message>(
        readConnection(),
        message_row::kSelectUnfinished,
        [](SqliteStatement&) {},
        &message_row::read);
}

std::vector<Message> SqliteMessageStore::pendingReceipts(std::int64_t after_id, std::size_t limit)
{
    return readRows<Message>(readConnection(),
        message_row::kSelectPendingReceipts,
        bindPage(after_id, limit),
        &message_row::read);
}

std::vector<std::int64_t> SqliteMessageStore::pendingReceiptIds(
    std::int64_t after_id, std::size_t limit)
{
    return readRows<std::int64_t>(readConnection(),
        message_row::kSelectPendingReceiptIds,
        bindPage(after_id, limit),
        &firstId);
}

std::vector<std::int64_t> SqliteMessageStore::findOpen(const std::string& origin,
    const std::string& service_type,
    const std::string& source_addr,
    const std::string& destination_addr)
{
    return readRows<std::int64_t>(
        readConnection(),
        message_row::kSelectOpenIds,
        [&](SqliteStatement& s) {
            s.bind(1, std::string_view(origin));
            s.bind(2, std::string_view(source_addr));
            s.bind(3, std::string_view(destination_addr));
            s.bind(4, std::string_view(service_type));
        },
        &firstId);
}

StoreHealth SqliteMessageStore::health() const
{
    std::lock_guard lock(queue_mutex_);
    return faults_.health(std::chrono::steady_clock::now());
}

StoreCounters SqliteMessageStore::counters() const
{
    std::lock_guard lock(queue_mutex_);
    StoreCounters snapshot = counters_;
    snapshot.queued = queue_.size();
    return snapshot;
}

} // namespace smppd
