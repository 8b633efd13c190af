#include "smppd/store/WalCheckpointer.h"

#include "smppd/store/SqliteConnection.h"
#include "smppd/store/StoreError.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using smppd::SqliteConnection;
using smppd::WalCheckpointer;
using smppd::WalCheckpointOptions;

namespace {

void openWal(SqliteConnection& db)
{
    db.exec("PRAGMA busy_timeout = 5000"); // as the store's writer: a RESTART makes it wait
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v BLOB)");
}

/// A WAL database in a temporary folder, with its writer connection opened as the store's.
struct WalDatabase {
    smppd::test::TempDir dir;
    std::string path = dir.file("wal.db");
    SqliteConnection writer{path};

    WalDatabase() { openWal(writer); }
};

// Each row fills about one 4 KiB page; a commit writes it and its parent page (2-3 frames).
void commitRows(SqliteConnection& db, int rows)
{
    for (int i = 0; i < rows; ++i) {
        db.exec("INSERT INTO t (v) VALUES (randomblob(3500))");
    }
}

// The checkpointer works on its own thread: wait (bounded) for what it reports.
bool waitFor(const WalCheckpointer& c, std::uint64_t checkpoints)
{
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (c.checkpoints() < checkpoints) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// The WAL header's checkpoint sequence number: SQLite adds one each time a writer starts the
// WAL again from its beginning (offset 12, big-endian, see the WAL format).
std::uint32_t walRestarts(const std::string& wal_path)
{
    std::ifstream in(wal_path, std::ios::binary);
    unsigned char header[16] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (!in) {
        return 0;
    }
    return (std::uint32_t{header[12]} << 24) | (std::uint32_t{header[13]} << 16)
        | (std::uint32_t{header[14]} << 8) | std::uint32_t{header[15]};
}

// Frames (page + 24-byte header) the connection has appended to the WAL so far.
std::uintmax_t walBytesWritten(SqliteConnection& db)
{
    int pages = 0;
    int highwater = 0;
    sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_WRITE, &pages, &highwater, 0);
    return static_cast<std::uintmax_t>(pages) * (4096 + 24);
}

std::uintmax_t fileSize(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

} // namespace

TEST_CASE("WalCheckpointer: commits never checkpoint, its thread copies the WAL into the database")
{
    WalDatabase db;
    const std::string& path = db.path;
    SqliteConnection& writer = db.writer;
    const auto db_size_before = fileSize(path);

    WalCheckpointer checkpointer(path, WalCheckpointOptions{200});
    checkpointer.attach(writer);
    commitRows(writer, 40); // < 200 frames
    CHECK(checkpointer.checkpoints() == 0); // below the threshold: nothing to do yet
    CHECK(fileSize(path) == db_size_before); // and the writer did not checkpoint either

    commitRows(writer, 100);
    REQUIRE(waitFor(checkpointer, 1));
    checkpointer.stop();
    CHECK(fileSize(path) > db_size_before + 40 * 3500); // the rows reached the database file

    checkpointer.detach(writer);
    commitRows(writer, 1); // the writer works on (with SQLite's own auto-checkpoint again)
}

TEST_CASE("WalCheckpointer: after a checkpoint a pausing writer starts the WAL again and its next "
          "burst is checkpointed too")
{
    WalDatabase db;
    const std::string& path = db.path;
    SqliteConnection& writer = db.writer;
    WalCheckpointer checkpointer(path, WalCheckpointOptions{20});
    checkpointer.attach(writer);

    std::uintmax_t wal_size_after_first_burst = 0;
    for (int burst = 0; burst < 5; ++burst) {
        const auto before = checkpointer.checkpoints();
        writer.exec("BEGIN"); // one commit per burst: one checkpoint after it, none during
        commitRows(writer, 30);
        writer.exec("COMMIT");
        REQUIRE(waitFor(checkpointer, before + 1));
        if (burst == 0) {
            wal_size_after_first_burst = fileSize(path + "-wal");
        }
    }
    // 150 pages committed in all; every burst writes from the start of the WAL again. The writer
    // pauses after each burst, so a PASSIVE checkpoint alone would let it restart the WAL as
    // well: what this checks is that the checkpointer notices the restart (its page count
    // falls) and checkpoints the next burst. The RESTART step is the next test's business.
    CHECK(fileSize(path + "-wal") <= wal_size_after_first_burst + 4 * 4096);
    checkpointer.stop();
    checkpointer.detach(writer);
}

TEST_CASE("WalCheckpointer: a writer that never pauses still restarts the WAL, so its file stays "
          "bounded")
{
    WalDatabase db;
    const std::string& path = db.path;
    SqliteConnection& writer = db.writer;
    // No fsync per commit: commits follow each other microseconds apart, the case where a
    // PASSIVE checkpoint alone never catches the WAL's last frame (and the test stays short).
    writer.exec("PRAGMA synchronous = NORMAL");
    WalCheckpointer checkpointer(path, WalCheckpointOptions{50});
    checkpointer.attach(writer);

    // This thread is the writer, the checkpointer's thread copies meanwhile: one row (2-3
    // frames) per commit, back to back, for a bounded time.
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    std::uintmax_t max_wal_size = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        commitRows(writer, 1);
        max_wal_size = std::max(max_wal_size, fileSize(path + "-wal"));
    }
    checkpointer.stop();
    checkpointer.detach(writer);

    const std::uintmax_t written = walBytesWritten(writer);
    const std::uint32_t restarts = walRestarts(path + "-wal");
    INFO("wal_bytes_written=" << written << " max_wal_size=" << max_wal_size << " restarts="
                              << restarts << " checkpoints=" << checkpointer.checkpoints());
    // Enough frames (10x the threshold) that a WAL which is reused looks unlike one that grows.
    REQUIRE(written > 2 * 1024 * 1024);
    CHECK(checkpointer.checkpoints() >= 10);
    // Measured over 2 s (2 cores, with and without a build running): with the RESTART step
    // 40-380 restarts and a largest WAL of 1-13% of the bytes written (a slow fsync lets it
    // grow during one checkpoint); with PASSIVE only, 0 or 1 restart and a WAL file of 73-100%
    // of the bytes written (140-500 MB). The bounds sit far from both.
    CHECK(restarts >= 10);
    CHECK(max_wal_size < written / 2);
}

TEST_CASE("WalCheckpointer: a reader of an old snapshot holds commits back for at most 100 ms "
          "at a time, not until it ends")
{
    WalDatabase db;
    const std::string& path = db.path;
    SqliteConnection& writer = db.writer;
    writer.exec("PRAGMA synchronous = NORMAL");
    commitRows(writer, 1);
    WalCheckpointer checkpointer(path, WalCheckpointOptions{50});
    checkpointer.attach(writer);

    // The reader keeps its snapshot for 1.5 s; meanwhile every RESTART waits for it while
    // holding the WAL's write lock, which is what the writer's commits wait on.
    SqliteConnection reader(path);
    reader.exec("BEGIN");
    reader.exec("SELECT count(*) FROM t");
    const auto reader_ends = std::chrono::steady_clock::now() + 1500ms;
    std::chrono::steady_clock::duration slowest_commit{};
    while (std::chrono::steady_clock::now() < reader_ends) {
        const auto began = std::chrono::steady_clock::now();
        commitRows(writer, 1);
        slowest_commit = std::max(slowest_commit, std::chrono::steady_clock::now() - began);
    }
    reader.exec("COMMIT");
    checkpointer.stop();
    checkpointer.detach(writer);

    const auto slowest_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(slowest_commit).count();
    INFO("slowest_commit_ms=" << slowest_ms << " checkpoints=" << checkpointer.checkpoints());
    REQUIRE(checkpointer.checkpoints() >= 2); // RESTART was tried while the snapshot was held
    // 100 ms: a RESTART waits 50 ms on the readers' locks during its copy, then 50 ms once it
    // copied. With the writer's 5 s patience on the checkpointer's side, one commit waited 10 s
    // (the reader here ends on the writer's thread, so only the checkpointer giving up ended it).
    CHECK(slowest_ms < 700);
}

TEST_CASE("WalCheckpointer: a database it cannot read is logged and tried again, not fatal")
{
    WalDatabase db; // its commits make checkpoints due
    const std::string other = db.dir.file("other.db");
    SqliteConnection blocker(other); // a rollback-journal database: BEGIN EXCLUSIVE bars readers
    blocker.exec("CREATE TABLE x (a)");
    blocker.exec("BEGIN EXCLUSIVE");
    WalCheckpointer checkpointer(other, WalCheckpointOptions{20});
    checkpointer.attach(db.writer);

    commitRows(db.writer, 30);
    // The checkpointer's first read gets SQLITE_BUSY after its 50 ms: before, the exception
    // left its thread and ended the process (std::terminate).
    REQUIRE(waitFor(checkpointer, 1));
    blocker.exec("COMMIT");
    commitRows(db.writer, 30);
    CHECK(waitFor(checkpointer, 2)); // the next one runs
    checkpointer.stop();
    checkpointer.detach(db.writer);
}

TEST_CASE("WalCheckpointer: the writer waits its busy_timeout (5 s) for a lock another "
          "connection holds, then fails")
{
    WalDatabase db;
    db.writer.exec("PRAGMA busy_timeout = 5000"); // as the store sets it
    WalCheckpointer checkpointer(db.path, WalCheckpointOptions{});
    checkpointer.attach(db.writer);
    SqliteConnection other(db.path);
    other.exec("BEGIN IMMEDIATE"); // holds the write lock

    const auto began = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(commitRows(db.writer, 1), smppd::StoreError);
    const auto waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - began)
                               .count();
    other.exec("ROLLBACK");
    checkpointer.stop();
    checkpointer.detach(db.writer);
    INFO("waited_ms=" << waited_ms);
    // Counted in 50 us steps, the wait was 100,000 sleeps of about 145 us: 14 s.
    CHECK(waited_ms >= 4900);
    CHECK(waited_ms < 8000);
}

TEST_CASE("WalCheckpointer: stop is idempotent and ends an idle thread")
{
    WalDatabase db;
    const std::string& path = db.path;
    SqliteConnection& writer = db.writer;
    WalCheckpointer checkpointer(path, WalCheckpointOptions{});
    checkpointer.attach(writer);
    checkpointer.stop();
    checkpointer.stop();
    checkpointer.detach(writer);
    CHECK(checkpointer.checkpoints() == 0);
}
