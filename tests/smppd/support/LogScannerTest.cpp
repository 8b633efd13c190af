#include "smppd/support/LogScanner.h"

#include "tests/smppd/support/LogFiles.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace std::chrono_literals;
using smppd::support::LogFile;
using smppd::support::scanLogDirectory;
using smppd::support::SkipReason;
using smppd::support::TimeWindow;

namespace {

// 2026-12-06T10:00:00Z
const smpp::TimePoint kT0{std::chrono::seconds(1'796'551'200)};

std::string line(const std::string& time, const std::string& rest)
{
    return "2026-12-06T" + time + "Z level=info logger=smppd.session " + rest + "\n";
}

bool has(const std::vector<std::string>& names, const std::string& name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> skippedNames(const smppd::support::ScanResult& r, SkipReason why)
{
    std::vector<std::string> out;
    for (const auto& [name, reason] : r.skipped) {
        if (reason == why) {
            out.push_back(name);
        }
    }
    return out;
}

} // namespace

TEST_CASE("lines of gzip, plain and current files are merged in time order", "[support]")
{
    smppd::test::TempDir dir;
    const auto gz = dir.file("smppd.log.1.gz");
    smppd::test::writeGzip(gz,
        line("10:00:01.000", "submit accepted message_id=4")
            + line("10:00:01.500", "submit accepted message_id=42")
            + line("10:00:05.000", "event=pushed message_id=4"));
    smppd::test::setModified(gz, kT0 + 5s);
    // A plain archive whose lines fall between the gzip file's: order is by line, not by file.
    const auto plain = dir.write("smppd.log.0",
        line("10:00:03.000", "event=routed message_id=4 target=hermes")
            + "  a continuation line without a time, message_id=4\n");
    smppd::test::setModified(plain, kT0 + 6s);
    dir.write("smppd.log",
        line("10:00:02.000", "deliver_sm sent message_id=4") + line("10:00:09.000", "x id=4"));
    dir.write("launcher.log", line("10:00:04.000", "message_id=4"));
    dir.write("pdu-trace.log", line("10:00:04.000", "message_id=4"));

    const auto r = scanLogDirectory(dir.path().string(), "message_id=4", std::nullopt);
    CHECK(r.lines
        == std::vector<std::string>{
            "2026-12-06T10:00:01.000Z level=info logger=smppd.session submit accepted message_id=4",
            "2026-12-06T10:00:02.000Z level=info logger=smppd.session deliver_sm sent message_id=4",
            "2026-12-06T10:00:03.000Z level=info logger=smppd.session event=routed message_id=4 "
            "target=hermes",
            "  a continuation line without a time, message_id=4",
            "2026-12-06T10:00:05.000Z level=info logger=smppd.session event=pushed message_id=4",
        });
    CHECK(r.read.size() == 3);
    CHECK(r.skipped.empty());
    CHECK(r.errors.empty());
}

TEST_CASE("files outside the message's time are skipped", "[support]")
{
    smppd::test::TempDir dir;
    const TimeWindow window{kT0, kT0 + 1min}; // submitted 10:00, done 10:01
    // Last written two hours before the submit: never opened. Its content is a damaged gzip
    // stream, so opening it would show up as an error.
    const auto old = dir.write("smppd.log.3.gz", std::string("\x1f\x8b\x08\x00not deflate", 15));
    smppd::test::setModified(old, kT0 - 2h);
    // Last written 4 minutes before the submit: within the 5-minute slack, read.
    const auto close = dir.write("smppd.log.2", line("09:56:00.000", "x message_id=4"));
    smppd::test::setModified(close, kT0 - 4min);
    // Holds the message's lines.
    const auto during = dir.write("smppd.log.1",
        line("09:59:00.000", "x") + line("10:00:00.000", "submit accepted message_id=4"));
    smppd::test::setModified(during, kT0 + 1h);
    // Starts more than a day after the done time: only its first line is read.
    const auto later = dir.write("smppd.log.0",
        "2026-12-07T10:02:00.000Z level=info x\n"
        "2026-12-07T10:03:00.000Z level=info y message_id=4\n");
    smppd::test::setModified(later, kT0 + 25h);
    // The current file is never skipped by its last-modified time (Windows updates it late).
    const auto current = dir.write("smppd.log", line("10:00:30.000", "event=pushed message_id=4"));
    smppd::test::setModified(current, kT0 - 3h);

    const auto r = scanLogDirectory(dir.path().string(), "message_id=4", window);
    CHECK(
        skippedNames(r, SkipReason::ModifiedBefore) == std::vector<std::string>{"smppd.log.3.gz"});
    CHECK(skippedNames(r, SkipReason::StartsAfter) == std::vector<std::string>{"smppd.log.0"});
    CHECK_FALSE(has(r.read, "smppd.log.3.gz"));
    CHECK(has(r.read, "smppd.log.2"));
    CHECK(has(r.read, "smppd.log.1"));
    CHECK(has(r.read, "smppd.log"));
    CHECK(r.errors.empty());
    CHECK(r.lines.size() == 3);

    SECTION("without a window (the message is not in the store) every file is read")
    {
        const auto all = scanLogDirectory(dir.path().string(), "message_id=4", std::nullopt);
        CHECK(all.skipped.empty());
        CHECK(all.read.size() == 4);
        CHECK(all.errors.size() == 1); // the damaged gzip file, now opened
        CHECK(all.lines.size() == 4);
    }
}

TEST_CASE("the skip rules, at their edges", "[support]")
{
    const TimeWindow window{kT0, kT0 + 1h};
    const LogFile archive{"p", "smppd.log.1", kT0 - 5min, false};
    CHECK_FALSE(modifiedBeforeWindow(archive, window));
    CHECK(modifiedBeforeWindow(LogFile{"p", "smppd.log.1", kT0 - 5min - 1ms, false}, window));
    CHECK_FALSE(modifiedBeforeWindow(LogFile{"p", "smppd.log", kT0 - 48h, true}, window));
    CHECK_FALSE(startsAfterWindow(kT0 + 1h + 24h, window));
    CHECK(startsAfterWindow(kT0 + 1h + 24h + 1ms, window));
}

TEST_CASE("a line seen in two files (a rotation during the scan) is shown once", "[support]")
{
    smppd::test::TempDir dir;
    const auto text = line("10:00:01.000", "submit accepted message_id=4");
    smppd::test::setModified(dir.write("smppd.log.0", text), kT0);
    smppd::test::writeGzip(dir.file("smppd.log.0.gz"), text);
    const auto r = scanLogDirectory(dir.path().string(), "message_id=4", std::nullopt);
    CHECK(r.lines.size() == 1);
    CHECK(r.read.size() == 2);
}
