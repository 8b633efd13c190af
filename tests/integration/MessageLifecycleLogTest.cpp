// Issue #15: against the real smppd, one message down each path, then its log read back: every
// step of the message is logged exactly once (or once per attempt), with the keys the vocabulary
// (common/logging/Events.h) gives it, and nothing else names the message.
#include "common/logging/Events.h"
#include "common/smpp/Receipt.h"
#include "tests/hermes-standin/HermesStandin.h"
#include "tests/integration/ClientSteps.h"
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"

#include <Poco/File.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/TemporaryFile.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <utility>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

/// OpenSSL for the Hermes stand-in, once per test process (Poco counts the calls).
struct SslInit {
    SslInit() { Poco::Net::initializeSSL(); }
    ~SslInit() { Poco::Net::uninitializeSSL(); }
} ssl_init;

using Fields = std::map<std::string, std::string>;

/// The key=value fields of one log line (the timestamp before them is skipped; a quoted value
/// loses its quotes, its escapes are kept).
Fields fieldsOf(std::string_view line)
{
    Fields fields;
    std::size_t at = line.find(' ');
    while (at != std::string_view::npos && at < line.size()) {
        at = line.find_first_not_of(' ', at);
        const auto eq = line.find('=', at);
        if (at == std::string_view::npos || eq == std::string_view::npos) {
            break;
        }
        const std::string key(line.substr(at, eq - at));
        std::size_t end = eq + 1;
        if (end < line.size() && line[end] == '"') {
            for (++end; end < line.size() && line[end] != '"'; ++end) {
                end += line[end] == '\\' ? 1 : 0;
            }
            fields[key] = std::string(line.substr(eq + 2, end - eq - 2));
            ++end;
        } else {
            end = std::min(line.find(' ', end), line.size());
            fields[key] = std::string(line.substr(eq + 1, end - eq - 1));
        }
        at = end;
    }
    return fields;
}

/// Every line of smppd.log naming message `id` (message_id=<id>), in the order of their times.
/// Each line carries the time of its step; lines formatted under a lock are written after it is
/// released, so two threads' lines may reach the file in the other order (microseconds apart).
std::vector<Fields> linesOf(const SmppdProcess& p, const std::string& id)
{
    std::vector<std::pair<std::string, Fields>> timed;
    std::istringstream in(p.log());
    for (std::string line; std::getline(in, line);) {
        auto fields = fieldsOf(line);
        if (fields.count("message_id") != 0 && fields["message_id"] == id) {
            timed.emplace_back(line.substr(0, line.find(' ')), std::move(fields));
        }
    }
    // ISO-8601 UTC times of one width: their text order is their time order.
    std::stable_sort(
        timed.begin(), timed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Fields> lines;
    for (auto& [time, fields] : timed) {
        lines.push_back(std::move(fields));
    }
    return lines;
}

/// A step as the tests name it: the event, and its kind when the line has one
/// ("deliver_sm_sent kind=receipt").
std::string stepOf(const Fields& line)
{
    const auto kind = line.find("kind");
    return line.at("event") + (kind == line.end() ? "" : " kind=" + kind->second);
}

std::vector<std::string> stepsOf(const SmppdProcess& p, const std::string& id)
{
    std::vector<std::string> steps;
    for (const auto& line : linesOf(p, id)) {
        steps.push_back(stepOf(line));
    }
    return steps;
}

/// Waits (<= timeout) until message `id` has `count` lines of `step`. The log is written by a
/// channel that flushes every 100 ms.
bool waitForStep(const SmppdProcess& p,
    const std::string& id,
    const std::string& step,
    std::size_t count = 1,
    std::chrono::milliseconds timeout = 5s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto steps = stepsOf(p, id);
        if (static_cast<std::size_t>(std::count(steps.begin(), steps.end(), step)) >= count) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(50ms);
    }
}

/// The vocabulary's entry for a message step.
const logging::Event* stepEvent(const std::string& name)
{
    static const std::vector<logging::Event> kSteps{logging::ev::submit_accepted,
        logging::ev::bridge_accepted,
        logging::ev::hermes_push,
        logging::ev::hermes_push_failed,
        logging::ev::receipt_queued,
        logging::ev::deliver_sm_sent,
        logging::ev::deliver_sm_answered,
        logging::ev::delivery_retry,
        logging::ev::message_expired,
        logging::ev::message_cancelled,
        logging::ev::message_replaced};
    const auto it = std::find_if(
        kSteps.begin(), kSteps.end(), [&](const logging::Event& e) { return e.name == name; });
    return it == kSteps.end() ? nullptr : &*it;
}

/// Checks the whole life of message `id` in the log: exactly `expected` steps (as a multiset:
/// each once unless listed twice; nothing else names the message), each at info with every key
/// the vocabulary gives it (those in [brackets] only where they apply), account= equal to
/// `account` where the line has it. Returns the lines.
std::vector<Fields> checkLife(const SmppdProcess& p,
    const std::string& id,
    std::vector<std::string> expected,
    const std::string& account)
{
    const auto lines = linesOf(p, id);
    auto steps = stepsOf(p, id);
    std::sort(steps.begin(), steps.end());
    std::sort(expected.begin(), expected.end());
    INFO("message_id=" << id);
    CHECK(steps == expected);
    for (const auto& line : lines) {
        INFO(stepOf(line));
        const auto* event = stepEvent(line.at("event"));
        REQUIRE(event != nullptr);
        CHECK(line.at("level") == event->level);
        std::istringstream keys{std::string(event->keys)};
        for (std::string key; keys >> key;) {
            if (key.front() != '[') {
                INFO("key " << key);
                CHECK(line.count(key) == 1);
            }
        }
        if (line.count("account") != 0) {
            CHECK(line.at("account") == account);
        }
    }
    return lines;
}

/// The value of `key` in the one line of `step` (throws when there is none).
std::string valueIn(
    const std::vector<Fields>& lines, const std::string& step, const std::string& key)
{
    for (const auto& line : lines) {
        if (stepOf(line) == step) {
            return line.at(key);
        }
    }
    throw std::runtime_error("no " + step + " line");
}

/// Unbinds and waits (<= 3 s) for smppd to close the connection: smppd then stops at once.
void unbind(SmppClient& c)
{
    c.request(smpp::Unbind{});
    expectId(c, CommandId::UnbindResp);
    CHECK(c.waitClosed(3s));
}

/// The session number smppd gave the n-th (0-based) bind of `account` (its event=bound line).
std::string boundSession(const SmppdProcess& p, const std::string& account, std::size_t n = 0)
{
    std::istringstream in(p.log());
    for (std::string line; std::getline(in, line);) {
        auto fields = fieldsOf(line);
        if (fields["event"] == "bound" && fields["account"] == account && n-- == 0) {
            return fields["session"];
        }
    }
    return {};
}

/// A plugin `send` for `account` through the bridge; the id smppd answered (<= 5 s).
std::string bridgeSend(std::uint16_t port, const std::string& to)
{
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    const std::string line = R"({"op":"send","account":"admin","campaign":"33610000001","to":")"
        + to + R"(","text":"hello","ref":"life"})" + "\n";
    socket.sendBytes(line.data(), static_cast<int>(line.size()));
    std::string reply;
    char c = 0;
    while (socket.receiveBytes(&c, 1) == 1 && c != '\n') {
        reply.push_back(c);
    }
    const std::string head = R"({"ok":true,"id":")";
    REQUIRE(reply.rfind(head, 0) == 0);
    return reply.substr(head.size(), reply.find('"', head.size()) - head.size());
}

/// A temporary folder, removed at the end.
struct TempDir {
    TempDir() : path(Poco::TemporaryFile::tempName()) { Poco::File(path).createDirectories(); }
    ~TempDir()
    {
        try {
            Poco::File(path).remove(true);
        } catch (const Poco::Exception&) {
            // best effort: a temp folder left behind is harmless
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path;
};

} // namespace

TEST_CASE("OPPORTUNITY: receipt, cancel, replace and expiry each log their steps once",
    "[integration][lifecycle]")
{
    // Job.StatusReport.Interval sets the expiry pass too (1 s); "sink" never binds.
    SmppdProcess p(
        SmppdProcess::Keys{{"Accounts.File", "accounts.xml"}, {"Job.StatusReport.Interval", "1"}});
    std::ofstream(p.dir() + "/accounts.xml")
        << "<accounts>\n"
           "  <account systemId=\"esme\" password=\"pw-esme\"/>\n"
           "  <account systemId=\"sink\" password=\"pw-sink\"/>\n"
           "</accounts>\n";
    p.start();
    SmppClient c(p.port());
    REQUIRE(
        c.bind(CommandId::BindTransceiver, "esme", "pw-esme").command_status == CommandStatus::Ok);

    // 1. To a handset with registered_delivery 1: the receipt comes back and is answered OK.
    const auto receipted = submitOk(c, makeSubmit("33612345678", "hello", 1));
    const auto receipt = expectId(c, CommandId::DeliverSm);
    CHECK(std::get<smpp::DeliverSm>(receipt.body).esm_class == 0x04);
    answer(c, receipt);

    // 4. Two scheduled messages (in a day: still open), one cancelled and one replaced.
    auto scheduled = makeSubmit("33699000001");
    scheduled.schedule_delivery_time = "000001000000000R";
    const auto cancelled = submitOk(c, scheduled);
    const auto replaced = submitOk(c, scheduled);
    c.request(smpp::CancelSm{.message_id = cancelled,
        .source_addr_ton = 1,
        .source_addr_npi = 1,
        .source_addr = scheduled.source_addr,
        .destination_addr = scheduled.destination_addr});
    CHECK(expectId(c, CommandId::CancelSmResp).command_status == CommandStatus::Ok);
    c.request(smpp::ReplaceSm{.message_id = replaced,
        .source_addr_ton = 1,
        .source_addr_npi = 1,
        .source_addr = scheduled.source_addr,
        .short_message = "new"});
    CHECK(expectId(c, CommandId::ReplaceSmResp).command_status == CommandStatus::Ok);

    // 5. To the account "sink", which has no receiver, valid for 2 s: the expiry pass ends it.
    auto doomed = makeSubmit("sink");
    doomed.validity_period = "000000000002000R";
    const auto expired = submitOk(c, doomed);

    REQUIRE(waitForStep(p, receipted, "deliver_sm_answered kind=receipt"));
    REQUIRE(waitForStep(p, cancelled, "message_cancelled"));
    REQUIRE(waitForStep(p, replaced, "message_replaced"));
    REQUIRE(waitForStep(p, expired, "message_expired", 1, 8s));
    unbind(c);
    REQUIRE(p.stop() == 0); // every line flushed: a late duplicate would be in the file now

    const auto session = boundSession(p, "esme");
    const auto life = checkLife(p,
        receipted,
        {"submit_accepted",
            "receipt_queued",
            "deliver_sm_sent kind=receipt",
            "deliver_sm_answered kind=receipt"},
        "esme");
    CHECK(valueIn(life, "submit_accepted", "session") == session);
    CHECK(valueIn(life, "deliver_sm_sent kind=receipt", "session") == session);
    CHECK(valueIn(life, "deliver_sm_answered kind=receipt", "session") == session);
    CHECK(valueIn(life, "deliver_sm_answered kind=receipt", "status") == "0x0");
    CHECK(valueIn(life, "receipt_queued", "stat") == "DELIVRD");
    CHECK(valueIn(life, "submit_accepted", "dest") == "33612345678");
    checkLife(p, cancelled, {"submit_accepted", "message_cancelled"}, "esme");
    checkLife(p, replaced, {"submit_accepted", "message_replaced"}, "esme");
    checkLife(p, expired, {"submit_accepted", "message_expired"}, "esme");

    // smppd --trace lists the receipted message's steps in the order they happened.
    std::string out;
    REQUIRE(SmppdProcess::runToExit({"--trace", receipted, "--config", p.configPath()}, 20s, &out)
        == 0);
    std::vector<std::string> traced;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        const auto fields = fieldsOf(line);
        if (fields.count("event") != 0 && fields.count("message_id") != 0) {
            traced.push_back(stepOf(fields));
        }
    }
    INFO(out);
    CHECK(stepsOf(p, receipted) == traced); // the log's times give the same order
    CHECK(traced
        == std::vector<std::string>{"submit_accepted",
            "receipt_queued",
            "deliver_sm_sent kind=receipt",
            "deliver_sm_answered kind=receipt"});
}

TEST_CASE("VOCALCOM: bridge delivery, a delivery retry and a Hermes push each log their steps once",
    "[integration][lifecycle]")
{
    TempDir certs;
    standin::generateSelfSignedCert(certs.path);
    standin::StandinOptions options;
    options.cert = certs.path + "/cert.pem";
    options.key = certs.path + "/key.pem";
    standin::HermesStandin hermes(options);
    hermes.start();
    SmppdProcess p(SmppdProcess::Keys{{"Mode", "VOCALCOM"},
        {"UrlHermes", hermes.baseUrl() + "/sms/{campaign}"},
        {"Hermes.CaFile", options.cert},
        {"TcpServer.ListenHost", "127.0.0.1"},
        {"TcpServer.ListenPort", SmppdProcess::kFreePort}});
    p.start();
    SmppClient receiver(p.port());
    REQUIRE(receiver.bind(CommandId::BindReceiver).command_status == CommandStatus::Ok);
    const auto bridge = p.portOf("TcpServer.ListenPort");

    // 2. A plugin send delivered to the bound receiver, answered OK.
    const auto delivered = bridgeSend(bridge, "33698765432");
    answer(receiver, expectId(receiver, CommandId::DeliverSm));
    REQUIRE(waitForStep(p, delivered, "deliver_sm_answered kind=message"));

    // 3. Another, answered ESME_RTHROTTLED (transient) once, then OK on the redelivery (the first
    // retry waits 1 s).
    const auto retried = bridgeSend(bridge, "33698765433");
    answer(receiver, expectId(receiver, CommandId::DeliverSm), CommandStatus::Throttled);
    answer(receiver, expectId(receiver, CommandId::DeliverSm, 5s));
    REQUIRE(waitForStep(p, retried, "deliver_sm_answered kind=message", 2));

    // 6. A submit_sm from a transmitter, pushed to Hermes (the stand-in answers 200).
    SmppClient transmitter(p.port());
    REQUIRE(transmitter.bind(CommandId::BindTransmitter).command_status == CommandStatus::Ok);
    const auto pushed = submitOk(transmitter, makeSubmit("33612345678"));
    CHECK(hermes.waitForPushes(1, 5s) == 1);
    REQUIRE(waitForStep(p, pushed, "hermes_push"));
    unbind(transmitter);
    unbind(receiver);
    REQUIRE(p.stop() == 0); // every line flushed: a late duplicate would be in the file now

    const auto receiving = boundSession(p, "admin", 0);
    for (const auto& id : {delivered, retried}) {
        const bool retry = id == retried;
        std::vector<std::string> expected{
            "bridge_accepted", "deliver_sm_sent kind=message", "deliver_sm_answered kind=message"};
        if (retry) {
            expected.insert(expected.end(),
                {"delivery_retry kind=message",
                    "deliver_sm_sent kind=message",
                    "deliver_sm_answered kind=message"});
        }
        for (const auto& line : checkLife(p, id, expected, "admin")) {
            if (line.count("session") != 0) {
                CHECK(line.at("session") == receiving);
            }
        }
    }
    CHECK(stepsOf(p, retried)
        == std::vector<std::string>{"bridge_accepted",
            "deliver_sm_sent kind=message",
            "deliver_sm_answered kind=message",
            "delivery_retry kind=message",
            "deliver_sm_sent kind=message",
            "deliver_sm_answered kind=message"});
    const auto retry_lines = linesOf(p, retried);
    CHECK(valueIn(retry_lines, "delivery_retry kind=message", "attempt") == "1");
    CHECK(valueIn(retry_lines, "deliver_sm_answered kind=message", "status") == "0x58");

    const auto push = checkLife(p, pushed, {"submit_accepted", "hermes_push"}, "admin");
    CHECK(valueIn(push, "hermes_push", "http_status") == "200");
    CHECK(valueIn(push, "hermes_push", "outcome") == "delivered");
    CHECK(valueIn(push, "submit_accepted", "session") == boundSession(p, "admin", 1));
}
