#include "smppd/support/LogFileReader.h"

#include "smppd/support/LogDirectory.h"
#include "tests/smppd/support/LogFiles.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

using smppd::support::LogFileReader;

namespace {

std::vector<std::string> readAll(const std::string& path)
{
    LogFileReader reader(path);
    std::vector<std::string> lines;
    std::string line;
    while (reader.nextLine(line)) {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("log files are read line by line, plain or gzip by their magic bytes", "[support]")
{
    smppd::test::TempDir dir;
    const std::vector<std::string> expected{"first line", "second line"};
    SECTION("plain, \\n or \\r\\n")
    {
        CHECK(readAll(dir.write("smppd.log", "first line\nsecond line\n")) == expected);
        CHECK(readAll(dir.write("smppd.log.1", "first line\r\nsecond line")) == expected);
    }
    SECTION("gzip, whatever the name")
    {
        const auto named_plain = dir.file("smppd.log.3");
        smppd::test::writeGzip(named_plain, "first line\nsecond line\n");
        CHECK(smppd::support::isGzipFile(named_plain));
        CHECK(readAll(named_plain) == expected);
        const auto named_gz = dir.write("smppd.log.4.gz", "first line\nsecond line\n");
        CHECK_FALSE(smppd::support::isGzipFile(named_gz));
        CHECK(readAll(named_gz) == expected);
    }
    SECTION("an empty file has no line")
    {
        CHECK(readAll(dir.write("smppd.log", "")).empty());
    }
}

TEST_CASE("a damaged gzip file is reported, not read as text", "[support]")
{
    smppd::test::TempDir dir;
    const std::string garbage("\x1f\x8b\x08\x00garbage that is not deflate data at all", 44);
    const auto path = dir.write("smppd.log.0.gz", garbage);
    CHECK_THROWS_AS(readAll(path), std::runtime_error);
    CHECK_THROWS_AS(LogFileReader(dir.file("missing.log")), std::runtime_error);
}

TEST_CASE("the log folder lists smppd.log and its archives only, oldest first", "[support]")
{
    using smppd::support::isSmppdLogName;
    CHECK(isSmppdLogName("smppd.log"));
    CHECK(isSmppdLogName("smppd.log.0"));
    CHECK(isSmppdLogName("smppd.log.12.gz"));
    CHECK(isSmppdLogName("smppd.log.20261206140200123"));
    CHECK_FALSE(isSmppdLogName("smppd.log."));
    CHECK_FALSE(isSmppdLogName("launcher.log"));
    CHECK_FALSE(isSmppdLogName("launcher.log.0.gz"));
    CHECK_FALSE(isSmppdLogName("pdu-trace.log"));
    CHECK_FALSE(isSmppdLogName("pdu-trace.log.0"));
    CHECK_FALSE(isSmppdLogName("smppd.logs"));
    CHECK_FALSE(isSmppdLogName("old-smppd.log"));

    smppd::test::TempDir dir;
    const smpp::TimePoint t0{std::chrono::seconds(1'790'000'000)};
    smppd::test::setModified(dir.write("smppd.log", "c\n"), t0 + std::chrono::hours(2));
    smppd::test::setModified(dir.write("smppd.log.0", "b\n"), t0 + std::chrono::hours(1));
    smppd::test::setModified(dir.write("smppd.log.1.gz", "a\n"), t0);
    dir.write("launcher.log", "x\n");
    dir.write("pdu-trace.log", "x\n");
    std::filesystem::create_directories(dir.path() / "smppd.log.9"); // not a file
    const auto files = smppd::support::listLogFiles(dir.path().string());
    std::vector<std::string> names;
    for (const auto& f : files) {
        names.push_back(f.name);
    }
    CHECK(names == std::vector<std::string>{"smppd.log.1.gz", "smppd.log.0", "smppd.log"});
    CHECK(files.back().current);
    CHECK_FALSE(files.front().current);
    CHECK(files.front().modified == t0);
    CHECK(smppd::support::listLogFiles(dir.file("missing")).empty());
}
