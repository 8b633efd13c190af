#include "common/logging/Setup.h"

#include "common/logging/Log.h"
#include "tests/support/TempDir.h"

#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
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
    const std::regex stamp(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z )");
    CHECK(std::regex_search(lines[0], stamp));
    CHECK(lines[0].substr(25) == "level=info logger=smppd.session event=bound system_id=esme1 n=1");
    CHECK(lines[1].substr(25) == "level=warning logger=smppd.store event=slow_commit ms=120");
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
    CHECK(first[0].ends_with("level=debug logger=smppd.late.child event=first"));
    const auto second = readLines(logs / "launcher.log");
    REQUIRE(second.size() == 1);
    CHECK(second[0].ends_with("level=error logger=launcher event=second"));
}

TEST_CASE("the file rotates at the size and keeps N archives", "[logging]")
{
    TempDir dir;
    logging::LogOptions options = optionsIn(dir);
    options.rotate_size = 1024;
    options.keep = 3;
    logging::setupLogging(options);
    Poco::Logger& l = Poco::Logger::get("smppd.rotation");
    const std::string padding(40, 'x');
    for (int i = 0; i < 300; ++i) {
        logging::info(l, "event=fill i={:04} pad={}", i, padding);
    }
    logging::shutdownLogging();

    const std::filesystem::path logs(options.directory);
    const std::string line_example = readLines(logs / "smppd.log").front();
    const auto line_size = line_example.size() + 1;
    CHECK(std::filesystem::file_size(logs / "smppd.log") < 1024 + line_size);
    for (const char* archive : {"smppd.log.0", "smppd.log.1", "smppd.log.2"}) {
        CAPTURE(archive);
        REQUIRE(std::filesystem::exists(logs / archive));
        CHECK(std::filesystem::file_size(logs / archive) >= 1024);
        CHECK(std::filesystem::file_size(logs / archive) < 1024 + line_size);
    }
    CHECK_FALSE(std::filesystem::exists(logs / "smppd.log.3"));
    // The newest archive continues right before the current file.
    const auto newest = readLines(logs / "smppd.log.0");
    const auto current = readLines(logs / "smppd.log");
    const auto index = [](const std::string& line) {
        return std::stoi(line.substr(line.find("i=") + 2, 4));
    };
    CHECK(index(newest.back()) + 1 == index(current.front()));
    CHECK(index(current.back()) == 299);
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
        logging::setupPduTraceLog(options.directory, 1024 * 1024, 2);
        logging::setupLogging(options); // order does not matter
        logging::trace(Poco::Logger::get("smppd.pdu"), "dir=in cmd=bind_transceiver password=****");
        logging::trace(Poco::Logger::get("smppd.pdu.session"), "dir=out cmd=bind_transceiver_resp");
        logging::info(Poco::Logger::get("smppd.session"), "event=bound");
        logging::shutdownLogging();

        const std::filesystem::path logs(options.directory);
        const auto pdu = readLines(logs / "pdu-trace.log");
        REQUIRE(pdu.size() == 2);
        CHECK(pdu[0].ends_with(
            "level=trace logger=smppd.pdu dir=in cmd=bind_transceiver password=****"));
        CHECK(pdu[1].ends_with("logger=smppd.pdu.session dir=out cmd=bind_transceiver_resp"));
        const auto main = readLines(logs / "smppd.log");
        REQUIRE(main.size() == 1);
        CHECK(main[0].ends_with("logger=smppd.session event=bound"));
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
