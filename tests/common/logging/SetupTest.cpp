#include "common/logging/Setup.h"

#include "common/logging/Log.h"
#include "tests/support/TempDir.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/InflatingStream.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using smppd::test::TempDir;

namespace {

std::vector<std::string> readLines(const std::filesystem::path& file)
{
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string readAll(const std::filesystem::path& file)
{
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The archives of `prefix` in `logs`, oldest first (their names end in a UTC timestamp).
std::vector<std::filesystem::path> archivesIn(
    const std::filesystem::path& logs, const std::string& prefix)
{
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(logs)) {
        if (entry.path().filename().string().starts_with(prefix)) {
            out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

logging::LogOptions optionsIn(const TempDir& dir)
{
    logging::LogOptions options;
    options.directory = (dir.path() / "nested" / "logs").string();
    options.level = "info";
    return options;
}

/// Its formatting has a side effect: it counts how often it was formatted.
struct Counted {
    int* count;
};

} // namespace

template <>
struct fmt::formatter<Counted> : fmt::formatter<int> {
    auto format(const Counted& c, fmt::format_context& ctx) const
    {
        ++*c.count;
        return fmt::formatter<int>::format(*c.count, ctx);
    }
};

TEST_CASE("setupLogging writes key=value lines to a new folder, filtered by level", "[logging]")
{
    TempDir dir;
    const logging::LogOptions options = optionsIn(dir);
    logging::setupLogging(options);
    Poco::Logger& l = Poco::Logger::get("smppd.session");
    int formatted = 0;
    logging::debug(l, "event=hidden n={}", Counted{&formatted});
    logging::info(l, "event=bound system_id={} n={}", "esme1", Counted{&formatted});
    logging::warning(Poco::Logger::get("smppd.store"), "event=slow_commit ms={}", 120);
    logging::shutdownLogging();

    CHECK(formatted == 1); // the debug line was never formatted
    const auto lines = readLines(std::filesystem::path(options.directory) / "smppd.log");
    REQUIRE(lines.size() == 2);
    const std::regex stamp(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z )");
    CHECK(std::regex_search(lines[0], stamp));
    CHECK(lines[0].substr(28) == "level=info event=bound system_id=esme1 n=1");
    CHECK(lines[1].substr(28) == "level=warning event=slow_commit ms=120");
}

TEST_CASE("loggers created after setup inherit it, and setup can be repeated", "[logging]")
{
    TempDir dir;
    logging::LogOptions options = optionsIn(dir);
    options.level = "debug";
    logging::setupLogging(options);
    logging::debug(Poco::Logger::get("smppd.late.child"), "event=first");
    options.file_name = "launcher.log";
    options.level = "warning";
    logging::setupLogging(options);
    logging::info(Poco::Logger::get("smppd.late.child"), "event=filtered");
    logging::error(Poco::Logger::get("launcher"), "event=second");
    logging::shutdownLogging();

    const std::filesystem::path logs(options.directory);
    const auto first = readLines(logs / "smppd.log");
    REQUIRE(first.size() == 1);
    CHECK(first[0].ends_with("level=debug event=first"));
    const auto second = readLines(logs / "launcher.log");
    REQUIRE(second.size() == 1);
    CHECK(second[0].ends_with("level=error event=second"));
}

TEST_CASE("the file rotates at the size, and archives are named by their UTC time", "[logging]")
{
    TempDir dir;
    logging::LogOptions options = optionsIn(dir);
    options.rotate_size = 1024;
    options.compress = false;
    logging::setupLogging(options);
    Poco::Logger& l = Poco::Logger::get("smppd.rotation");
    const std::string padding(40, 'x');
    for (int i = 0; i < 300; ++i) {
        logging::info(l, "event=fill i={:04} pad={}", i, padding);
        logging::flushLogging(); // one batch per line, so the size rule sees each line
        // Archive names end in milliseconds: two rotations within one would share a name.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    logging::shutdownLogging();

    const std::filesystem::path logs(options.directory);
    const std::string line_example = readLines(logs / "smppd.log").front();
    const auto line_size = line_example.size() + 1;
    CHECK(std::filesystem::file_size(logs / "smppd.log") < 1024 + line_size);
    auto files = archivesIn(logs, "smppd.log.");
    CHECK(files.size() >= 300 * line_size / (1024 + line_size));
    for (const auto& archive : files) {
        CAPTURE(archive);
        CHECK(std::regex_match(archive.filename().string(), std::regex(R"(smppd\.log\.\d{17})")));
        CHECK(std::filesystem::file_size(archive) >= 1024);
        CHECK(std::filesystem::file_size(archive) < 1024 + line_size);
    }
    // In name order, then the current file, the archives hold every line once, in order.
    files.push_back(logs / "smppd.log");
    int expected = 0;
    for (const auto& file : files) {
        for (const auto& line : readLines(file)) {
            REQUIRE(std::stoi(line.substr(line.find("i=") + 2, 4)) == expected);
            ++expected;
        }
    }
    CHECK(expected == 300);
}

TEST_CASE("a new UTC day starts a new file, and its archive holds only the day before", "[logging]")
{
    TempDir dir;
    logging::LogOptions options = optionsIn(dir);
    options.compress = false;
    logging::setupLogging(options);
    Poco::Logger& l = Poco::Logger::get("smppd.days");
    const auto at = [&](const char* iso, const char* text) {
        Poco::Message m("smppd.days", text, Poco::Message::PRIO_INFORMATION);
        int tz = 0;
        m.setTime(Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, iso, tz)
                      .timestamp());
        l.log(m);
    };
    at("2026-12-06T23:59:59.900Z", "event=late n=1");
    at("2026-12-06T23:59:59.990Z", "event=late n=2");
    at("2026-12-07T00:00:00.010Z", "event=early n=3"); // same batch, next day
    logging::flushLogging();
    at("2026-12-07T00:00:01.000Z", "event=early n=4");
    logging::shutdownLogging();

    const std::filesystem::path logs(options.directory);
    const auto archives = archivesIn(logs, "smppd.log.");
    REQUIRE(archives.size() == 1);
    const auto before = readLines(archives.front());
    REQUIRE(before.size() == 2);
    CHECK(before[0] == "2026-12-06T23:59:59.900000Z level=info event=late n=1");
    CHECK(before[1] == "2026-12-06T23:59:59.990000Z level=info event=late n=2");
    const auto today = readLines(logs / "smppd.log");
    REQUIRE(today.size() == 2);
    CHECK(today[0] == "2026-12-07T00:00:00.010000Z level=info event=early n=3");
    CHECK(today[1] == "2026-12-07T00:00:01.000000Z level=info event=early n=4");
}

TEST_CASE("archives are compressed and deleted after RetentionDays", "[logging]")
{
    TempDir dir;
    logging::LogOptions options = optionsIn(dir);
    options.rotate_size = 512;
    options.retention_days = 14;
    const std::filesystem::path logs(options.directory);
    std::filesystem::create_directories(logs);
    const auto old_archive = logs / "smppd.log.20261101000000000.gz";
    const auto recent_archive = logs / "smppd.log.20261201000000000.gz";
    for (const auto& p : {old_archive, recent_archive}) {
        std::ofstream(p) << "x";
    }
    const auto now = std::filesystem::file_time_type::clock::now();
    std::filesystem::last_write_time(old_archive, now - std::chrono::hours(24 * 15));
    std::filesystem::last_write_time(recent_archive, now - std::chrono::hours(24 * 13));

    logging::setupLogging(options);
    Poco::Logger& l = Poco::Logger::get("smppd.retention");
    for (int i = 0; i < 20; ++i) {
        logging::info(l, "event=fill i={:04} pad={}", i, std::string(100, 'y'));
        logging::flushLogging();
        std::this_thread::sleep_for(std::chrono::milliseconds(2)); // one rotation per ms at most
    }
    logging::shutdownLogging();

    CHECK_FALSE(std::filesystem::exists(old_archive)); // older than 14 days: purged
    CHECK(std::filesystem::exists(recent_archive));
    // Poco compresses in the background: wait (bounded) for the .gz of the new archives.
    std::vector<std::filesystem::path> gz;
    for (int tries = 0; tries < 100; ++tries) {
        gz.clear();
        bool plain_left = false;
        for (const auto& a : archivesIn(logs, "smppd.log.")) {
            if (a.extension() == ".gz") {
                gz.push_back(a);
            } else {
                plain_left = true;
            }
        }
        if (!plain_left && gz.size() > 2) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(gz.size() > 2);
    std::ifstream first(gz.back(), std::ios::binary);
    CHECK(first.get() == 0x1f);
    CHECK(first.get() == 0x8b);
    // ... and holds the lines: every archive inflated, then the current file, give every line.
    std::string all;
    for (const auto& archive : gz) {
        if (archive == recent_archive) {
            continue;
        }
        std::ifstream raw(archive, std::ios::binary);
        Poco::InflatingInputStream inflate(raw, Poco::InflatingStreamBuf::STREAM_GZIP);
        all.append(std::istreambuf_iterator<char>(inflate), std::istreambuf_iterator<char>());
    }
    all += readAll(logs / "smppd.log");
    for (int i = 0; i < 20; ++i) {
        CHECK(all.find(fmt::format("event=fill i={:04} ", i)) != std::string::npos);
    }
}

TEST_CASE("pdu-trace goes to its own file only", "[logging]")
{
    TempDir dir;
    const logging::LogOptions options = optionsIn(dir);
    SECTION("without setupPduTraceLog the pdu logger is silent")
    {
        logging::setupLogging(options);
        logging::trace(Poco::Logger::get("smppd.pdu"), "dir=in cmd=submit_sm");
        logging::info(Poco::Logger::get("smppd.pdu"), "dir=in cmd=submit_sm");
        logging::shutdownLogging();
        CHECK(readAll(std::filesystem::path(options.directory) / "smppd.log").empty());
        CHECK_FALSE(
            std::filesystem::exists(std::filesystem::path(options.directory) / "pdu-trace.log"));
    }
    SECTION("with it, PDUs reach pdu-trace.log at trace level, not smppd.log")
    {
        logging::setupPduTraceLog(options);
        logging::setupLogging(options); // order does not matter
        logging::trace(Poco::Logger::get("smppd.pdu"), "dir=in cmd=bind_transceiver password=****");
        logging::trace(Poco::Logger::get("smppd.pdu.session"), "dir=out cmd=bind_transceiver_resp");
        logging::info(Poco::Logger::get("smppd.session"), "event=bound");
        logging::shutdownLogging();

        const std::filesystem::path logs(options.directory);
        const auto pdu = readLines(logs / "pdu-trace.log");
        REQUIRE(pdu.size() == 2);
        CHECK(pdu[0].ends_with("level=trace dir=in cmd=bind_transceiver password=****"));
        CHECK(pdu[1].ends_with("level=trace dir=out cmd=bind_transceiver_resp"));
        const auto main = readLines(logs / "smppd.log");
        REQUIRE(main.size() == 1);
        CHECK(main[0].ends_with("level=info event=bound"));
    }
}

TEST_CASE("parseLevel knows Poco's names and info/warn", "[logging]")
{
    CHECK(logging::parseLevel("information") == Poco::Message::PRIO_INFORMATION);
    CHECK(logging::parseLevel("INFO") == Poco::Message::PRIO_INFORMATION);
    CHECK(logging::parseLevel("warn") == Poco::Message::PRIO_WARNING);
    CHECK(logging::parseLevel("trace") == Poco::Message::PRIO_TRACE);
    CHECK(logging::parseLevel("none") == 0);
    CHECK_THROWS_AS(logging::parseLevel("verbose"), std::invalid_argument);
    logging::LogOptions options;
    options.level = "loud";
    CHECK_THROWS_AS(logging::setupLogging(options), std::invalid_argument);
}
