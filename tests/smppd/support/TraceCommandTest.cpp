#include "smppd/support/TraceCommand.h"

#include "tests/smppd/support/LogFiles.h"
#include "tests/smppd/support/SupportStore.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace std::chrono_literals;
using smppd::support::runTrace;
using smppd::support::TraceRequest;

namespace {

using smppd::test::kT0;

smppd::test::CommandRun trace(const TraceRequest& request)
{
    return smppd::test::runCommand(runTrace, request);
}

std::size_t lineCount(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("trace: prints the store record, then the log lines in time order", "[support]")
{
    smppd::test::TempDir dir;
    const auto store = dir.file("smppd.db");
    auto m = smppd::test::supportMessage("336000001", "33612345678", kT0);
    m.state = smpp::MessageState::Delivered;
    m.done_time = kT0 + 2s;
    m.campaign = "c42";
    smppd::test::writeStore(store, {m});
    const auto logs = dir.path() / "logs";
    std::filesystem::create_directories(logs);
    smppd::test::writeGzip((logs / "smppd.log.0.gz").string(),
        "2026-12-06T10:00:00.100Z level=info submit accepted message_id=1\n"
        "2026-12-06T10:00:00.200Z level=info submit accepted message_id=11\n");
    std::ofstream((logs / "smppd.log").string())
        << "2026-12-06T10:00:01.900Z level=info event=pushed message_id=1\n";

    const auto r = trace(TraceRequest{store, logs.string(), "1", kT0 + 1h});
    CHECK(r.rc == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::Contains("message 1 in the store"));
    CHECK_THAT(r.out, Catch::Contains("DELIVRD (final)"));
    CHECK_THAT(r.out, Catch::Contains("33612345678 (ton=0 npi=0)"));
    CHECK_THAT(r.out, Catch::Contains("2026-12-06T10:00:00.000Z"));
    CHECK_THAT(r.out, Catch::Contains("2026-12-06T10:00:02.000Z"));
    CHECK_THAT(r.out, Catch::Contains("c42"));
    CHECK_THAT(r.out, Catch::Contains("2 files read, 0 skipped"));
    const auto first = r.out.find("submit accepted message_id=1\n");
    const auto second = r.out.find("event=pushed message_id=1\n");
    CHECK(first != std::string::npos);
    CHECK(second > first);
    CHECK(r.out.find("message_id=11") == std::string::npos);
}

TEST_CASE("trace: of a purged message shows its log lines and exits 0", "[support]")
{
    smppd::test::TempDir dir;
    const auto logs = dir.path() / "logs";
    std::filesystem::create_directories(logs);
    std::ofstream((logs / "smppd.log").string())
        << "2026-12-06T10:00:00.100Z level=info submit accepted message_id=7\n";
    const auto r = trace(TraceRequest{dir.file("smppd.db"), logs.string(), "7", kT0});
    CHECK(r.rc == 0);
    CHECK_THAT(r.out, Catch::Contains("message 7 is not in the store"));
    CHECK_THAT(r.out, Catch::Contains("submit accepted message_id=7"));
    CHECK_FALSE(std::filesystem::exists(dir.file("smppd.db"))); // never created
}

TEST_CASE("trace: takes the id as the ESME got it (Server.MessageIdFormat=Hex)", "[support]")
{
    smppd::test::TempDir dir;
    const auto logs = dir.path() / "logs";
    std::filesystem::create_directories(logs);
    std::ofstream((logs / "smppd.log").string())
        << "2026-12-06T10:00:00.100000Z level=info event=submit_accepted message_id=42\n";
    TraceRequest request{dir.file("smppd.db"), logs.string(), "2a", kT0};
    request.id_format = smppd::MessageIdFormat::Hex;
    const auto r = trace(request);
    CHECK(r.rc == 0);
    CHECK_THAT(r.out, Catch::Contains("event=submit_accepted message_id=42"));
    request.id = "xyz";
    const auto bad = trace(request);
    CHECK(bad.rc == 64);
    CHECK_THAT(bad.err, Catch::Contains("hexadecimal"));
}

TEST_CASE("trace: of an unknown message exits 1 with one line", "[support]")
{
    smppd::test::TempDir dir;
    smppd::test::writeStore(
        dir.file("smppd.db"), {smppd::test::supportMessage("1", "33612345678", kT0)});
    const auto logs = dir.file("logs");
    const auto r = trace(TraceRequest{dir.file("smppd.db"), logs, "42", kT0});
    CHECK(r.rc == 1);
    CHECK(r.out.empty());
    CHECK(lineCount(r.err) == 1);
    CHECK(r.err
        == "smppd: message 42 not found in " + dir.file("smppd.db") + " or the logs in " + logs
            + "\n");
}

TEST_CASE("trace: refuses an id that is not one, exit 64", "[support]")
{
    smppd::test::TempDir dir;
    const std::string id = GENERATE("abc", "0", "-3", "", "12x");
    const auto r = trace(TraceRequest{dir.file("smppd.db"), dir.file("logs"), id, kT0});
    CHECK(r.rc == 64);
    CHECK(lineCount(r.err) == 1);
}

TEST_CASE("a message's window ends at its done time, or now while anything is due", "[support]")
{
    auto m = smppd::test::supportMessage("1", "2", kT0);
    const auto now = kT0 + 3h;
    CHECK(smppd::support::windowOf(m, now).first == kT0);
    CHECK(smppd::support::windowOf(m, now).last == now); // open
    m.state = smpp::MessageState::Delivered;
    m.done_time = kT0 + 1min;
    CHECK(smppd::support::windowOf(m, now).last == kT0 + 1min);
    m.receipt = smppd::ReceiptState::Pending; // its receipt waits for the ESME to bind
    CHECK(smppd::support::windowOf(m, now).last == now);
}
