// Faults an operator meets (issue #18): a full disk under the store, a corrupt store, a second
// smppd on the same store, a log folder that cannot be made. Each must be said once, with its
// cause, in the log, /health and the exit code.
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"
#include "tests/support/TempDir.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

std::size_t countOf(const std::string& text, const std::string& needle)
{
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

std::string get(std::uint16_t port, const std::string& path)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    return std::string((std::istreambuf_iterator<char>(body)), {});
}

/// A 4 MiB tmpfs at `path` while alive, if this sandbox lets us mount one (root, no seccomp
/// filter on mount); mounted() says whether it did.
class Tmpfs {
public:
    explicit Tmpfs(std::string path) : path_(std::move(path))
    {
        std::filesystem::create_directories(path_);
        const std::string command =
            "mount -t tmpfs -o size=4m smppd-test-tmpfs '" + path_ + "' 2>/dev/null";
        mounted_ = std::system(command.c_str()) == 0;
    }
    ~Tmpfs()
    {
        if (mounted_) {
            const std::string command = "umount -l '" + path_ + "'";
            if (std::system(command.c_str()) != 0) {
                WARN("could not unmount " << path_);
            }
        }
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;

    bool mounted() const { return mounted_; }

private:
    std::string path_;
    bool mounted_ = false;
};

/// Submits of one window: the ids answered OK, and the count of each other status.
struct Tally {
    std::vector<std::int64_t> ok;
    std::map<CommandStatus, std::size_t> refused;

    std::size_t refusedTotal() const
    {
        std::size_t n = 0;
        for (const auto& [status, count] : refused) {
            n += count;
        }
        return n;
    }
};

/// Sends `window` submit_sm, then reads their responses.
void submitWindow(SmppClient& c, std::size_t window, Tally& tally)
{
    for (std::size_t i = 0; i < window; ++i) {
        c.request(makeSubmit("33612345678", "message on a disk about to fill up"));
    }
    for (std::size_t i = 0; i < window;) {
        const auto pdu = c.expect(10s);
        if (smpp::commandId(pdu) != CommandId::SubmitSmResp) {
            continue;
        }
        ++i;
        if (pdu.command_status == CommandStatus::Ok) {
            tally.ok.push_back(std::stoll(std::get<smpp::SubmitSmResp>(pdu.body).message_id));
        } else {
            ++tally.refused[pdu.command_status];
        }
    }
}

/// The ids of the messages in the store file.
std::set<std::int64_t> storedIds(const std::string& path)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id FROM messages", -1, &s, nullptr) == SQLITE_OK);
    std::set<std::int64_t> ids;
    while (sqlite3_step(s) == SQLITE_ROW) {
        ids.insert(sqlite3_column_int64(s, 0));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return ids;
}

} // namespace

TEST_CASE("disk full under load: 0x14 not OK, one fault line each way, /health, recovery",
    "[integration][fault]")
{
    smppd::test::TempDir dir;
    const Tmpfs disk((dir.path() / "disk").string());
    if (!disk.mounted()) {
        // The same path is covered without a mount by the store's fault-injecting VFS
        // (smppd_store_test "disk full in the middle of a load").
        WARN("mount -t tmpfs is not allowed here: disk-full test skipped");
        return;
    }
    const std::string store = (dir.path() / "disk" / "smppd.db").string();
    const std::string filler = (dir.path() / "disk" / "filler").string();
    std::ofstream(filler) << std::string(1536 * 1024, 'f'); // freed later: "space freed"
    SmppdProcess p(SmppdProcess::Keys{{"Store.Path", store},
        {"Log.Level", "information"},
        {"Admin.ListenPort", SmppdProcess::kFreePort}});
    p.start();
    const auto admin = p.portOf("Admin.ListenPort");
    auto client = std::make_unique<SmppClient>(p.port());
    SmppClient& c = *client;
    REQUIRE(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);

    Tally tally;
    for (int round = 0; round < 4000 && tally.refusedTotal() < 5000; ++round) {
        submitWindow(c, 64, tally);
    }
    INFO("ok=" << tally.ok.size() << " refused=" << tally.refusedTotal());
    REQUIRE(tally.refusedTotal() >= 5000); // the disk did fill up
    CHECK(tally.refused.size() == 1);
    CHECK(tally.refused[CommandStatus::MessageQueueFull] == tally.refusedTotal());
    const auto health = get(admin, "/health");
    CHECK(health.find(R"("status":"degraded")") != std::string::npos);
    CHECK(health.find(R"("reason":"SQLITE_FULL","error":"database or disk is full")")
        != std::string::npos);
    CHECK(get(admin, "/metrics").find("smppd_store_failures_total{reason=\"SQLITE_FULL\"}")
        != std::string::npos);
    {
        const auto seq = c.request(smpp::EnquireLink{});
        const auto r = c.expect(5s);
        CHECK(r.sequence_number == seq); // the session is not throttled or closed meanwhile
    }

    std::filesystem::remove(filler); // space freed: no restart
    bool ok_again = false;
    for (int i = 0; i < 250 && !ok_again; ++i) {
        ok_again = get(admin, "/health").find(R"("status":"ok")") != std::string::npos;
        std::this_thread::sleep_for(20ms);
    }
    CHECK(ok_again);
    const auto ok_before = tally.ok.size();
    const auto refused_before = tally.refusedTotal();
    for (int round = 0; round < 16; ++round) {
        submitWindow(c, 64, tally);
    }
    CHECK(tally.ok.size() == ok_before + 16 * 64); // every one taken again
    CHECK(tally.refusedTotal() == refused_before);
    client.reset(); // closed: the stop need not wait for its unbind_resp
    CHECK(p.stop() == 0);

    const auto stored = storedIds(store);
    CHECK(stored.size() == tally.ok.size()); // nothing acknowledged that was not stored
    for (const auto id : tally.ok) {
        REQUIRE(stored.count(id) == 1);
    }
    const std::string log = p.log();
    CHECK(countOf(log, "event=store_failed") == 1);
    CHECK(countOf(log, "event=store_recovered") == 1);
    CHECK(countOf(log, "event=store_failed reason=SQLITE_FULL error=\"database or disk is full\"")
        == 1);
    CHECK(countOf(log, "failed_operations=" + std::to_string(tally.refusedTotal())) == 1);
    CHECK(countOf(log, "submit failed") == 0); // counted, not logged one by one
    CHECK(countOf(log, "event=wal_checkpoint_failed") <= 1);
    for (const std::string event : {"event=store_failed", "event=store_recovered"}) {
        const auto at = log.find(event);
        if (at != std::string::npos) {
            WARN(log.substr(at, log.find('\n', at) - at));
        }
    }
    WARN("disk full: ok=" << tally.ok.size() << " refused(0x14)=" << tally.refusedTotal()
                          << " stored=" << stored.size());
}

TEST_CASE("a corrupt store at start-up: exit 65 with Store.Path, the file and what to do",
    "[integration][fault]")
{
    SmppdProcess p;
    std::filesystem::create_directories(p.dir() + "/data");
    std::ofstream(p.dir() + "/data/smppd.db") << std::string(8192, 'j');
    std::string out;
    CHECK(SmppdProcess::runToExit({"--config", p.configPath()}, 10s, &out) == 65);
    INFO(out);
    CHECK(out.find("event=store_open_failed key=Store.Path") != std::string::npos);
    CHECK(out.find("/data/smppd.db") != std::string::npos);
    CHECK(out.find("reason=SQLITE_NOTADB") != std::string::npos);
    CHECK(out.find("restore a backup") != std::string::npos);
}

TEST_CASE("a second smppd on the same store refuses to start with exit 65", "[integration][fault]")
{
    SmppdProcess first;
    first.start();
    const std::string store = first.dir() + "/data/smppd.db";
    SmppdProcess second(SmppdProcess::Keys{{"Store.Path", store}});
    std::string out;
    CHECK(SmppdProcess::runToExit({"--config", second.configPath()}, 10s, &out) == 65);
    INFO(out);
    CHECK(out.find("reason=in_use") != std::string::npos);
    CHECK(out.find(store) != std::string::npos);
    CHECK(out.find("another smppd uses this store") != std::string::npos);
    {
        SmppClient c(first.port()); // the first one is unharmed
        CHECK(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);
    }
    CHECK(first.stop() == 0);
    // Once it is gone, the store is free again.
    second.start();
    CHECK(second.stop() == 0);
}

TEST_CASE("a log folder that cannot be made: exit 64 naming Log.Directory, the path, the OS error",
    "[integration][fault]")
{
    smppd::test::TempDir dir;
    const std::string file = dir.write("not-a-folder", "x");
    const std::string logs = file + "/logs";
    SmppdProcess p(SmppdProcess::Keys{{"Log.Directory", logs}});
    std::string out;
    CHECK(SmppdProcess::runToExit({"--config", p.configPath()}, 10s, &out) == 64);
    INFO(out);
    CHECK(out.find("Log.Directory=" + logs) != std::string::npos);
    CHECK(out.find("cannot create the folder: Not a directory") != std::string::npos);
#ifndef _WIN32
    SmppdProcess proc(SmppdProcess::Keys{{"Log.Directory", "/proc/nonexistent"}});
    CHECK(SmppdProcess::runToExit({"--config", proc.configPath()}, 10s, &out) == 64);
    CHECK(out.find("Log.Directory=/proc/nonexistent: cannot create the folder: No such file")
        != std::string::npos);
#endif
}

TEST_CASE("a TLS file that cannot be read: exit 64 naming the key, the path, the OS error",
    "[integration][fault]")
{
    smppd::test::TempDir dir;
    const std::string cert = (dir.path() / "cert.pem").string();
    const std::string key = dir.write("key.pem", "not read");
    SmppdProcess p(
        SmppdProcess::Keys{{"Server.ListenParams", "tls=1;cert=" + cert + ";key=" + key}});
    std::string out;
    CHECK(SmppdProcess::runToExit({"--config", p.configPath()}, 10s, &out) == 64);
    INFO(out);
    CHECK(out.find("config: Server.ListenParams=") != std::string::npos);
    CHECK(out.find("(" + cert + ": No such file or directory)") != std::string::npos);
    std::filesystem::create_directories(cert); // a folder where the file should be
    CHECK(SmppdProcess::runToExit({"--config", p.configPath()}, 10s, &out) == 64);
    CHECK(out.find("(" + cert + ": not a regular file)") != std::string::npos);
}
