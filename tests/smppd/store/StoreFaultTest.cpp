// The store's faults (issue #18): a disk that fills up under load, and the files it refuses to
// open at start-up, each named once with its cause.
#include "common/logging/Fields.h"
#include "smppd/store/SqliteMessageStore.h"
#include "smppd/store/StoreError.h"
#include "smppd/store/StoreFaults.h"
#include "tests/smppd/store/FaultVfs.h"
#include "tests/support/TempDir.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using smppd::Message;
using smppd::SqliteMessageStore;
using smppd::SqliteStoreOptions;
using smppd::StoreOpenError;
using smppd::StoreResult;
using smppd::StoreStatus;

namespace {

/// `text` as it appears inside a quoted key=value field (on Windows, backslashes doubled).
std::string quotedPrefix(const std::string& text)
{
    std::string q = logging::quoted(text);
    if (q.size() >= 2 && q.front() == '"' && q.back() == '"') {
        q = q.substr(1, q.size() - 2);
    }
    return q;
}

Message sample()
{
    Message m;
    m.origin = "esme1";
    m.target = {smppd::TargetKind::Account, "esme2"};
    m.source_addr = "33698765432";
    m.destination_addr = "33612345678";
    m.payload = std::string(120, 'x');
    m.submit_time = smppd::TimePoint{std::chrono::milliseconds(1'790'000'000'000)};
    m.expiry_time = m.submit_time + 48h;
    return m;
}

/// Keeps the lines of one logger (thread-safe).
class CapturingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override
    {
        const std::lock_guard lock(mutex_);
        lines_.push_back(message.getText());
    }
    std::vector<std::string> matching(const std::string& needle)
    {
        const std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        std::copy_if(lines_.begin(), lines_.end(), std::back_inserter(out), [&](const auto& l) {
            return l.find(needle) != std::string::npos;
        });
        return out;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

/// Captures smppd.store while alive.
struct StoreLog {
    StoreLog() : logger(Poco::Logger::get("smppd.store"))
    {
        logger.setChannel(channel);
        logger.setLevel(Poco::Message::PRIO_INFORMATION);
    }
    ~StoreLog() { logger.setChannel(nullptr); }
    StoreLog(const StoreLog&) = delete;
    StoreLog& operator=(const StoreLog&) = delete;

    Poco::AutoPtr<CapturingChannel> channel{new CapturingChannel};
    Poco::Logger& logger;
};

std::int64_t countRows(const std::string& path)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM messages", -1, &s, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    const auto n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

void execSql(const std::string& path, const char* sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

template <typename Predicate>
bool waitFor(Predicate&& predicate, std::chrono::milliseconds timeout = 5s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

/// What open() threw, "" if it opened.
std::string openError(const SqliteStoreOptions& options)
{
    try {
        SqliteMessageStore store(options);
    } catch (const StoreOpenError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("fault state: one start, counted meanwhile, one end", "[store][fault]")
{
    smppd::StoreFaults faults;
    const smppd::StoreFaults::Clock::time_point t0{};
    REQUIRE(faults.failed("SQLITE_FULL", "database or disk is full", 3, t0));
    REQUIRE_FALSE(faults.failed("SQLITE_FULL", "", 1, t0 + 1s));
    REQUIRE_FALSE(faults.failed("SQLITE_IOERR_WRITE", "disk I/O error", 2, t0 + 2s));
    auto health = faults.health(t0 + 3s);
    REQUIRE_FALSE(health.ok);
    REQUIRE(health.reason == "SQLITE_FULL"); // the reason it began with
    REQUIRE(health.error == "database or disk is full");
    REQUIRE(health.failed_operations == 6);
    REQUIRE(health.duration == 3s);
    const auto ended = faults.succeeded(t0 + 4s);
    REQUIRE(ended);
    REQUIRE(ended->reason == "SQLITE_FULL");
    REQUIRE(ended->failed_operations == 6);
    REQUIRE(ended->duration == 4s);
    REQUIRE_FALSE(faults.succeeded(t0 + 5s)); // nothing to end
    health = faults.health(t0 + 5s);
    REQUIRE(health.ok);
    REQUIRE(health.failures_by_reason.at("SQLITE_FULL") == 4);
    REQUIRE(health.failures_by_reason.at("SQLITE_IOERR_WRITE") == 2);
}

TEST_CASE(
    "disk full in the middle of a load: no false Ok, one line each way, recovery", "[store][fault]")
{
    const smppd::test::FaultVfs vfs;
    StoreLog log;
    smppd::test::TempDir dir;
    const std::string path = dir.file("smppd.db");
    std::mutex mutex;
    std::vector<std::int64_t> ok_ids;
    std::vector<std::int64_t> failed_ids;
    std::vector<StoreStatus> other_statuses; // neither Ok nor Error; asserted on the test thread
    std::atomic<bool> stop{false};
    {
        SqliteMessageStore store(SqliteStoreOptions{.path = path, .probe_interval = 20ms});
        // A load without pauses: 4 submits in flight at most, like a client's window.
        std::atomic<int> in_flight{0};
        std::thread load([&] {
            while (!stop) {
                if (in_flight.load() >= 4) {
                    std::this_thread::yield();
                    continue;
                }
                ++in_flight;
                store.insert(sample(), [&](const StoreResult& r) {
                    {
                        const std::lock_guard lock(mutex);
                        (r.ok() ? ok_ids : failed_ids).push_back(r.id);
                        if (!r.ok() && r.status != StoreStatus::Error) {
                            other_statuses.push_back(r.status);
                        }
                    }
                    --in_flight;
                });
            }
        });
        const auto oks = [&] {
            const std::lock_guard lock(mutex);
            return ok_ids.size();
        };
        const auto fails = [&] {
            const std::lock_guard lock(mutex);
            return failed_ids.size();
        };
        REQUIRE(waitFor([&] { return oks() >= 500; }));
        smppd::test::FaultVfs::full = true; // the disk is full
        REQUIRE(waitFor([&] { return fails() >= 2000; }));
        const auto during = store.health();
        CHECK_FALSE(during.ok);
        CHECK(during.reason == "SQLITE_FULL");
        CHECK(during.error == "database or disk is full");
        const auto ok_during_fault = oks();
        smppd::test::FaultVfs::full = false; // space freed
        REQUIRE(waitFor([&] { return store.health().ok; }));
        REQUIRE(waitFor([&] { return oks() >= ok_during_fault + 500; }));
        stop = true;
        load.join();
        store.flush();
        CHECK(other_statuses.empty());
        const auto after = store.health();
        CHECK(after.ok);
        CHECK(after.failures_by_reason.at("SQLITE_FULL") == failed_ids.size());
        // Every acknowledged message is there, with its content.
        for (const auto id : ok_ids) {
            const auto found = store.find(id);
            REQUIRE(found);
            REQUIRE(found->payload == sample().payload);
        }
        for (const auto id : failed_ids) {
            REQUIRE_FALSE(store.find(id)); // refused means not stored
        }
    }
    CHECK(countRows(path) == static_cast<std::int64_t>(ok_ids.size()));
    const auto failed_lines = log.channel->matching("event=store_failed");
    const auto recovered_lines = log.channel->matching("event=store_recovered");
    REQUIRE(failed_lines.size() == 1);
    REQUIRE(recovered_lines.size() == 1);
    CHECK(failed_lines.front().find("reason=SQLITE_FULL error=\"database or disk is full\"")
        != std::string::npos);
    CHECK(failed_lines.front().find("path=" + logging::quoted(path)) != std::string::npos);
    CHECK(recovered_lines.front().find("failed_operations=" + std::to_string(failed_ids.size()))
        != std::string::npos);
    CHECK(log.channel->matching("event=wal_checkpoint_failed").size() <= 1);
    WARN("ok=" << ok_ids.size() << " refused=" << failed_ids.size()
               << " failed_writes=" << smppd::test::FaultVfs::failed_writes.load());
    CHECK(smppd::test::FaultVfs::failed_writes.load() < 200); // refused at once, not written
}

TEST_CASE("a corrupt database refuses to open, naming the file and what to do", "[store][open]")
{
    smppd::test::TempDir dir;
    const std::string path = dir.file("smppd.db");
    std::ofstream(path) << std::string(8192, 'j'); // not SQLite's header
    const auto error = openError(SqliteStoreOptions{.path = path});
    INFO(error);
    CHECK(error.find("path=" + logging::quoted(path)) != std::string::npos);
    CHECK(error.find("reason=SQLITE_NOTADB") != std::string::npos);
    CHECK(error.find("error=\"file is not a database\"") != std::string::npos);
    CHECK(error.find("restore a backup") != std::string::npos);
}

TEST_CASE(
    "a second store on the same file refuses to open, readers are not refused", "[store][open]")
{
    smppd::test::TempDir dir;
    const std::string path = dir.file("smppd.db");
    const SqliteStoreOptions options{.path = path};
    {
        SqliteMessageStore first(options);
        first.insert(sample(), {});
        first.flush();
        const auto error = openError(options);
        INFO(error);
        CHECK(error.find("reason=in_use") != std::string::npos);
        CHECK(error.find("owner_pid=") != std::string::npos);
        CHECK(error.find("another smppd uses this store") != std::string::npos);
        CHECK(countRows(path) == 1); // sqlite3, smppd --trace: still readable
    }
    SqliteMessageStore again(options); // the lock went with the first store
    CHECK(again.find(1));
}

TEST_CASE("a schema from a newer smppd refuses to open", "[store][open]")
{
    smppd::test::TempDir dir;
    const std::string path = dir.file("smppd.db");
    {
        SqliteMessageStore store(SqliteStoreOptions{.path = path});
    }
    execSql(path, "PRAGMA user_version = 99");
    const auto error = openError(SqliteStoreOptions{.path = path});
    INFO(error);
    CHECK(error.find("reason=schema_too_new version=99 supported=1") != std::string::npos);
    CHECK(error.find("run that version") != std::string::npos);
}

TEST_CASE("a store that cannot be opened or whose folder cannot be made names the OS error",
    "[store][open]")
{
    smppd::test::TempDir dir;
    SECTION("the path is a folder")
    {
        const std::string path = dir.file("a-folder");
        std::filesystem::create_directories(path);
        const auto error = openError(SqliteStoreOptions{.path = path});
        INFO(error);
        CHECK(error.find("reason=SQLITE_CANTOPEN") != std::string::npos);
        CHECK(error.find("readable and writable") != std::string::npos);
    }
    SECTION("its folder would be inside a file")
    {
        const std::string file = dir.write("plain-file", "x");
        const std::string path = file + "/data/smppd.db";
        const auto error = openError(SqliteStoreOptions{.path = path});
        INFO(error);
        CHECK(error.find("reason=folder") != std::string::npos);
        // As key=value lines quote it: on Windows with its backslashes doubled.
        CHECK(error.find(quotedPrefix(file)) != std::string::npos);
        CHECK(error.find("error=\"\"") == std::string::npos); // the OS says why
    }
}
