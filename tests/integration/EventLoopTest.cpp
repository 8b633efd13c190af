// Issue #16, against the real smppd: every session on one event loop. A client that does not
// read stalls no one else, a receiver that does not read keeps no one else's deliver_sm,
// 10,000 sessions are served by a handful of threads, and TLS sessions run on the same loop.
#include "tests/integration/ClientSteps.h"
#include "tests/integration/SmppClient.h"
#include "tests/integration/SmppdProcess.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace smppd::itest;
using namespace std::chrono_literals;
using smpp::CommandId;
using smpp::CommandStatus;

namespace {

using Clock = std::chrono::steady_clock;

/// Waits (<= 10 s) until smppd.log holds `text`.
bool logShows(const SmppdProcess& p, const std::string& text)
{
    for (int i = 0; i < 100; ++i) {
        if (p.log().find(text) != std::string::npos) {
            return true;
        }
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

/// The bytes of `count` submit_sm with sequence numbers first, first + 1, ...
std::vector<std::uint8_t> pipelinedSubmits(std::uint32_t first, std::uint32_t count)
{
    std::vector<std::uint8_t> bytes;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto pdu = smpp::encode(
            smpp::Pdu{.sequence_number = first + i, .body = makeSubmit("33612345678", "x")});
        bytes.insert(bytes.end(), pdu.begin(), pdu.end());
    }
    return bytes;
}

/// The round trip of one submit_sm on `c`.
Clock::duration submitRoundTrip(SmppClient& c)
{
    const auto start = Clock::now();
    submitOk(c, makeSubmit("33612345678", "probe"));
    return Clock::now() - start;
}

/// Threads of a process (Linux; 0 elsewhere).
std::size_t threadsOf(int pid)
{
    const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    if (!std::filesystem::exists(tasks, ec)) {
        return 0;
    }
    return static_cast<std::size_t>(std::distance(
        std::filesystem::directory_iterator(tasks, ec), std::filesystem::directory_iterator()));
}

} // namespace

TEST_CASE("a client that sends 300,000 submit_sm without reading is paused, the others are not",
    "[integration][loop]")
{
    // The 300,000 answers log about 10 MB: one file, so that logShows (smppd.log only) still
    // finds input_resumed after a rotation would have moved it to an archive.
    SmppdProcess p(
        SmppdProcess::Keys{{"Store.Synchronous", "normal"}, {"Log.RotateSize", "200 M"}});
    p.start();
    // The greedy client: a small receive buffer, so smppd's answers back up quickly.
    Poco::Net::StreamSocket greedy(Poco::Net::SocketAddress::IPv4);
    greedy.setReceiveBufferSize(4096);
    greedy.connect(Poco::Net::SocketAddress("127.0.0.1", p.port()));
    greedy.setSendTimeout(Poco::Timespan(60, 0));
    const auto bind = smpp::encode(smpp::Pdu{.sequence_number = 1,
        .body = smpp::BindTransceiver{.system_id = "admin", .password = "vocalcom"}});
    greedy.sendBytes(bind.data(), static_cast<int>(bind.size()));
    // Beyond the window (1000) the answers are ESME_RTHROTTLED, at once. The kernel's send
    // buffer grows to 4 MiB on loopback: 300,000 answers (5 MB) outgrow it, and smppd's
    // output buffer then passes its high-water mark.
    constexpr std::uint32_t kSubmits = 300'000;
    const auto submits = pipelinedSubmits(2, kSubmits);
    // On another thread: once smppd stops reading, this send waits for it.
    auto sent = std::async(std::launch::async,
        [&] { greedy.sendBytes(submits.data(), static_cast<int>(submits.size())); });
    REQUIRE(logShows(p, "event=input_paused session=1"));

    // Meanwhile another session is served at its usual pace.
    SmppClient other(p.port());
    other.bind(CommandId::BindTransceiver);
    std::vector<Clock::duration> trips;
    for (int i = 0; i < 200; ++i) {
        trips.push_back(submitRoundTrip(other));
    }
    std::sort(trips.begin(), trips.end());
    const auto p99 = std::chrono::duration_cast<std::chrono::microseconds>(trips[197]);
    std::cout << "other session while the greedy one is paused: p99 " << p99.count() << " us\n";
    CHECK(p99 < 100ms); // a session blocked behind the greedy one would wait for seconds

    // The greedy client reads again: every answer arrives, and smppd reads it again.
    smpp::FrameSplitter splitter(1 << 16);
    std::vector<std::uint8_t> buffer(64 * 1024);
    std::size_t answered = 0;
    greedy.setReceiveTimeout(Poco::Timespan(10, 0));
    while (answered < kSubmits + 1) { // the bind_resp, then one submit_sm_resp per submit_sm
        const int n = greedy.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
        REQUIRE(n > 0);
        splitter.feed(std::span(buffer.data(), static_cast<std::size_t>(n)));
        while (splitter.nextView()) {
            ++answered;
        }
    }
    CHECK(answered == kSubmits + 1);
    REQUIRE(sent.wait_for(10s) == std::future_status::ready);
    CHECK(logShows(p, "event=input_resumed session=1"));
    submitOk(other, makeSubmit()); // still served
}

TEST_CASE("a receiver that stops reading keeps its window of deliver_sm, the other gets the rest",
    "[integration][loop]")
{
    SmppdProcess p(
        SmppdProcess::Keys{{"Accounts.File", "accounts.xml"}, {"Store.Synchronous", "normal"}});
    std::ofstream(p.dir() + "/accounts.xml")
        << "<accounts>\n"
           "  <account systemId=\"acme\" password=\"pw-a\" maxSessions=\"3\"/>\n"
           "</accounts>\n";
    p.start();
    SmppClient sender(p.port());
    REQUIRE(sender.bind(CommandId::BindTransmitter, "acme", "pw-a").command_status
        == CommandStatus::Ok);
    SmppClient stuck(p.port()); // binds, then never reads again
    REQUIRE(
        stuck.bind(CommandId::BindReceiver, "acme", "pw-a").command_status == CommandStatus::Ok);
    SmppClient reader(p.port());
    REQUIRE(
        reader.bind(CommandId::BindReceiver, "acme", "pw-a").command_status == CommandStatus::Ok);

    constexpr int kMessages = 500;
    for (int i = 0; i < kMessages; ++i) { // receipts: registered_delivery 1
        submitOk(sender, makeSubmit("33612345678", "r" + std::to_string(i), 1));
    }
    int received = 0;
    const auto deadline = Clock::now() + 30s;
    constexpr int kStuckWindow = 10; // Server.DeliverWindow's default
    while (received < kMessages - kStuckWindow && Clock::now() < deadline) {
        const auto pdu = reader.read(2s);
        if (pdu && smpp::commandId(*pdu) == CommandId::DeliverSm) {
            answer(reader, *pdu);
            ++received;
        }
    }
    CHECK(received >= kMessages - kStuckWindow);
}

TEST_CASE("10,000 sessions bind, answer enquire_link and unbind, on a handful of threads",
    "[integration][loop][scale]")
{
    constexpr int kAccounts = 10;
    constexpr int kPerAccount = 1000;
    SmppdProcess p(
        SmppdProcess::Keys{{"Accounts.File", "accounts.xml"}, {"Server.MaxConnections", "10100"}});
    {
        std::ofstream accounts(p.dir() + "/accounts.xml");
        accounts << "<accounts>\n";
        for (int a = 0; a < kAccounts; ++a) {
            accounts << "  <account systemId=\"load" << a << "\" password=\"pw\" maxSessions=\""
                     << kPerAccount << "\"/>\n";
        }
        accounts << "</accounts>\n";
    }
    p.start();
    std::vector<std::unique_ptr<SmppClient>> clients;
    clients.reserve(kAccounts * kPerAccount);
    int bound = 0;
    for (int a = 0; a < kAccounts; ++a) {
        for (int i = 0; i < kPerAccount; ++i) {
            auto c = std::make_unique<SmppClient>(p.port());
            const auto r = c->bind(CommandId::BindTransceiver, "load" + std::to_string(a), "pw");
            bound += r.command_status == CommandStatus::Ok ? 1 : 0;
            clients.push_back(std::move(c));
        }
    }
    REQUIRE(bound == kAccounts * kPerAccount);
    const auto threads = threadsOf(p.pid());
    std::cout << "smppd threads with " << bound << " sessions: " << threads << "\n";
    CHECK(threads < 32);

    int answered = 0;
    for (auto& c : clients) {
        const auto seq = c->request(smpp::EnquireLink{});
        const auto r = c->expect(5s);
        answered +=
            (smpp::commandId(r) == CommandId::EnquireLinkResp && r.sequence_number == seq) ? 1 : 0;
    }
    CHECK(answered == bound);

    int unbound = 0;
    for (auto& c : clients) {
        const auto seq = c->request(smpp::Unbind{});
        const auto r = c->expect(5s);
        unbound += (smpp::commandId(r) == CommandId::UnbindResp && r.sequence_number == seq
                       && r.command_status == CommandStatus::Ok)
            ? 1
            : 0;
    }
    CHECK(unbound == bound);
    clients.clear();
    CHECK(p.stop() == 0);
}

namespace {

/// Server.ListenParams for TLS with a fresh self-signed certificate in `dir`.
std::string tlsParams(const std::string& dir)
{
    const auto cert = dir + "/cert.pem";
    const auto key = dir + "/key.pem";
    const auto cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout " + key
        + " -out " + cert + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return "tls=1;cert=" + cert + ";key=" + key;
}

std::size_t occurrences(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("TLS sessions run on the loop: a burst, many sessions, refused and idle handshakes",
    "[integration][loop][tls]")
{
    SmppdProcess probe; // only for its temp folder
    SmppdProcess p(SmppdProcess::Keys{{"Server.ListenParams", tlsParams(probe.dir())},
        {"Server.BindTimeout", "2"},
        {"Store.Synchronous", "normal"}});
    p.start();
    REQUIRE(
        logShows(p, "event=listening host=127.0.0.1 port=" + std::to_string(p.port()) + " tls=1"));

    SmppClient c(p.port(), true);
    CHECK(c.bind(CommandId::BindTransceiver).command_status == CommandStatus::Ok);
    CHECK(logShows(p, "event=connection_accepted session=1 peer=127.0.0.1 tls=1"));
    submitOk(c, makeSubmit());
    // 900 submit_sm in one write (within the window of 1000): TLS records larger than a read,
    // many answers per read. The answers come as the store commits, in any order.
    constexpr std::uint32_t kSubmits = 900;
    c.sendRaw(pipelinedSubmits(100, kSubmits));
    std::set<std::uint32_t> answered;
    for (std::uint32_t i = 0; i < kSubmits; ++i) {
        const auto r = expectId(c, CommandId::SubmitSmResp);
        REQUIRE(r.command_status == CommandStatus::Ok);
        answered.insert(r.sequence_number);
    }
    CHECK(answered.size() == kSubmits);
    CHECK(*answered.begin() == 100);
    CHECK(*answered.rbegin() == 100 + kSubmits - 1);

    // Many TLS sessions, no thread each.
    const auto threads_before = threadsOf(p.pid());
    std::vector<std::unique_ptr<SmppClient>> many;
    for (int i = 0; i < 40; ++i) {
        many.push_back(std::make_unique<SmppClient>(p.port(), true));
        many.back()->request(smpp::EnquireLink{});
        CHECK(
            expectId(*many.back(), CommandId::EnquireLinkResp).command_status == CommandStatus::Ok);
    }
    std::cout << "smppd threads with 41 TLS sessions: " << threadsOf(p.pid())
              << " (1 session: " << threads_before << ")\n";
    CHECK(threadsOf(p.pid()) < threads_before + 8);
    many.clear();

    SECTION("a plain client on the TLS port: closed, the cause logged once")
    {
        SmppClient plain(p.port(), false);
        plain.request(smpp::EnquireLink{});
        CHECK(plain.waitClosed(5s));
        REQUIRE(logShows(p, "error=\"TLS handshake: "));
        CHECK(occurrences(p.log(), "TLS handshake: ") == 1);
    }
    SECTION("a client that never starts the handshake is closed after Server.BindTimeout")
    {
        SmppClient idle(p.port(), false);
        const auto start = Clock::now();
        CHECK(idle.waitClosed(6s));
        CHECK(Clock::now() - start > 1500ms);
        CHECK(logShows(p, "error=\"closed before the TLS handshake completed\""));
    }
    submitOk(c, makeSubmit()); // the first session was served throughout
}
