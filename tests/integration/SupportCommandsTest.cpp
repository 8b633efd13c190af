// smppd --trace and --find-address run beside a serving smppd, on its store and logs.
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <thread>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

std::set<std::string> namesIn(const std::string& dir)
{
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

std::string submit(SmppClient& c, const std::string& to)
{
    const auto seq = c.request(makeSubmit(to));
    for (;;) {
        const auto r = c.expect();
        if (smpp::commandId(r) == CommandId::SubmitSmResp && r.sequence_number == seq) {
            REQUIRE(r.command_status == CommandStatus::Ok);
            return std::get<smpp::SubmitSmResp>(r.body).message_id;
        }
    }
}

/// Waits (<= 5 s) until smppd.log has `text` (the log is written by an async channel).
bool logged(const SmppdProcess& p, const std::string& text)
{
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (p.log().find(text) != std::string::npos) {
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

int run(const SmppdProcess& p, std::vector<std::string> args, std::string& output)
{
    args.insert(args.end(), {"--config", p.configPath()});
    return SmppdProcess::runToExit(args, 20s, &output);
}

} // namespace

TEST_CASE("support commands: trace and find-address while smppd serves", "[integration]")
{
    SmppdProcess p;
    p.start();
    SmppClient c(p.port());
    REQUIRE(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);
    const auto id = submit(c, "33612345678");
    REQUIRE(logged(p, "message_id=" + id + "\n"));
    const auto logs_before = namesIn(p.dir() + "/logs");
    const auto data_before = namesIn(p.dir() + "/data");

    std::string out;
    CHECK(run(p, {"--trace", id}, out) == 0);
    CHECK_THAT(out, Catch::Contains("message " + id + " in the store"));
    CHECK_THAT(out, Catch::Contains("destination   33612345678"));
    CHECK_THAT(out, Catch::Contains("message_id=" + id));

    CHECK(run(p, {"--find-address", "+33612345678"}, out) == 0);
    CHECK_THAT(out, Catch::Contains("\n" + id + " "));
    CHECK_THAT(out, Catch::Contains(" to   336000001 "));

    CHECK(run(p, {"--find-address", "0033612345678", "--since", "2000-01-01", "--limit", "1"}, out)
        == 0);
    CHECK(run(p, {"--find-address", "33600000000"}, out) == 1);
    CHECK(std::count(out.begin(), out.end(), '\n') == 1);
    CHECK(run(p, {"--trace", "999999"}, out) == 1);
    CHECK_THAT(out, Catch::StartsWith("smppd: message 999999 not found in "));
    CHECK(std::count(out.begin(), out.end(), '\n') == 1);
    CHECK(run(p, {"--trace", "x"}, out) == 64);

    // Nothing made or removed in the log or store folders (the lock file is smppd's, untouched).
    CHECK(namesIn(p.dir() + "/logs") == logs_before);
    CHECK(namesIn(p.dir() + "/data") == data_before);
    // smppd still serves: the session is up and a new submit is taken.
    const auto seq = c.request(smpp::EnquireLink{});
    const auto r = c.expect();
    CHECK(r.sequence_number == seq);
    CHECK(submit(c, "33612345678") != id);
}
