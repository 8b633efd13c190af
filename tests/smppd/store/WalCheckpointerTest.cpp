#include "smppd/store/WalCheckpointer.h"

#include "smppd/store/SqliteConnection.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
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

std::uintmax_t fileSize(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

} // namespace

TEST_CASE("WalCheckpointer: commits never checkpoint, its thread copies the WAL into the database")
{
    smppd::test::TempDir dir;
    const std::string path = dir.file("wal.db");
    SqliteConnection writer(path);
    openWal(writer);
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

TEST_CASE("WalCheckpointer: every checkpoint restarts the WAL, so its file stops growing")
{
    smppd::test::TempDir dir;
    const std::string path = dir.file("wal.db");
    SqliteConnection writer(path);
    openWal(writer);
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
    // 150 pages committed in all; every burst writes from the start of the WAL again.
    CHECK(fileSize(path + "-wal") <= wal_size_after_first_burst + 4 * 4096);
    checkpointer.stop();
    checkpointer.detach(writer);
}

TEST_CASE("WalCheckpointer: stop is idempotent and ends an idle thread")
{
    smppd::test::TempDir dir;
    const std::string path = dir.file("wal.db");
    SqliteConnection writer(path);
    openWal(writer);
    WalCheckpointer checkpointer(path, WalCheckpointOptions{});
    checkpointer.attach(writer);
    checkpointer.stop();
    checkpointer.stop();
    checkpointer.detach(writer);
    CHECK(checkpointer.checkpoints() == 0);
}
