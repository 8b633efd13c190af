// Process tests: the real build/bin/launcher running the real build/bin/smppd on loopback ports
// with a temporary config. Each case is bounded in time and prints what it measured.
#include "SmppProbe.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#ifndef SMPPD_BIN_DIR
#error "SMPPD_BIN_DIR must name the folder of the launcher and smppd executables"
#endif

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using launcher_test::SmppProbe;

namespace {

constexpr const char* kLogin = "esme";
constexpr const char* kPassword = "secret";
constexpr auto kHeartbeatTimeout = 2s;

std::uint16_t freeLoopbackPort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

long long millis(Clock::duration d)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

/// The state letter of /proc/<pid>/task/<tid>/stat (the field after the ")" of the name), or
/// '?' when the thread is gone.
char threadState(const fs::path& task)
{
    std::ifstream in(task / "stat");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() ? text[paren + 2] : '?';
}

/// True once every thread of `pid` is in the stopped state (T), within `timeout`.
/// kill(SIGSTOP) only queues the signal: one thread is woken to start the group stop and the
/// others keep running until it reaches them, which on a loaded machine takes milliseconds, during
/// which a connection can still be accepted and bound.
bool waitStopped(int pid, Clock::duration timeout)
{
    const fs::path tasks = fs::path("/proc") / std::to_string(pid) / "task";
    const auto deadline = Clock::now() + timeout;
    do {
        std::error_code error;
        bool all = true;
        bool any = false;
        for (const auto& task : fs::directory_iterator(tasks, error)) {
            any = true;
            all = all && threadState(task.path()) == 'T';
        }
        if (any && all && !error) {
            return true;
        }
        std::this_thread::sleep_for(1ms);
    } while (Clock::now() < deadline);
    return false;
}

/// GET /metrics from smppd's admin endpoint on loopback (empty on failure).
std::string scrapeMetrics(std::uint16_t port)
{
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(5, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/metrics");
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& body = session.receiveResponse(response);
        return std::string((std::istreambuf_iterator<char>(body)), {});
    } catch (const Poco::Exception& e) {
        std::cout << "scrapeMetrics: " << e.displayText() << "\n";
        return {};
    }
}

/// One launcher (and through it smppd) in a temp folder; stopped and cleaned up at the end.
class LauncherRun {
public:
    /// `port_value` replaces the listen port in the config (to make it invalid); `extra` is
    /// added to the appSettings as is (more `<add key value/>` lines).
    /// A free port is free only until smppd binds it: when another test takes one first, smppd
    /// exits 69 and this run starts again on new ports (up to 3 times).
    explicit LauncherRun(const std::string& port_value = "", const std::string& extra = "")
        : dir_(fs::temp_directory_path()
            / ("launcher-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count_)))
    {
        for (int attempt = 1;; ++attempt) {
            launch(port_value, extra);
            if (!port_value.empty() || attempt == 3 || !smppdFoundPortTaken()) {
                return;
            }
            stopLauncher();
            killLeftovers();
        }
    }

    ~LauncherRun()
    {
        stopLauncher();
        killLeftovers();
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    LauncherRun(const LauncherRun&) = delete;
    LauncherRun& operator=(const LauncherRun&) = delete;

    int launcherPid() const { return handle_->id(); }
    std::uint16_t adminPort() const { return admin_port_; }
    fs::path dbPath() const { return dir_ / "data" / "smppd.db"; }

    std::string log() const
    {
        std::ifstream in(dir_ / "logs" / "launcher.log");
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    /// The pid of smppd start number `start` (from launcher.log), or 0 after `timeout`.
    int smppdPid(int start, Clock::duration timeout) const
    {
        const std::regex line(
            "event=smppd_launched pid=(\\d+) start=" + std::to_string(start) + "\\b");
        const auto deadline = Clock::now() + timeout;
        do {
            std::smatch match;
            const auto text = log();
            if (std::regex_search(text, match, line)) {
                return std::stoi(match[1]);
            }
            std::this_thread::sleep_for(10ms);
        } while (Clock::now() < deadline);
        return 0;
    }

    /// Milliseconds of the day at which the first launcher.log line containing `needle` was
    /// written (the line starts with an ISO time: 2026-11-25T23:24:42.991Z), or -1.
    long long loggedAt(const std::string& needle) const
    {
        std::istringstream lines(log());
        for (std::string line; std::getline(lines, line);) {
            if (line.find(needle) != std::string::npos && line.size() > 23) {
                const auto hours = std::stoll(line.substr(11, 2));
                const auto minutes = std::stoll(line.substr(14, 2));
                const auto secs = std::stoll(line.substr(17, 2));
                const auto ms = std::stoll(line.substr(20, 3));
                return ((hours * 60 + minutes) * 60 + secs) * 1000 + ms;
            }
        }
        return -1;
    }

    /// True once launcher.log has a line containing `needle`, within `timeout`.
    bool waitLogged(const std::string& needle, Clock::duration timeout) const
    {
        const auto deadline = Clock::now() + timeout;
        do {
            if (log().find(needle) != std::string::npos) {
                return true;
            }
            std::this_thread::sleep_for(10ms);
        } while (Clock::now() < deadline);
        return false;
    }

    /// Binds a transceiver, retrying, until one succeeds or `timeout` passes.
    std::unique_ptr<SmppProbe> bindWithin(
        Clock::duration timeout, std::chrono::milliseconds attempt = 250ms) const
    {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            auto probe = std::make_unique<SmppProbe>();
            if (probe->bind(port_, kLogin, kPassword, attempt)) {
                return probe;
            }
            std::this_thread::sleep_for(5ms);
        }
        return nullptr;
    }

    /// The launcher's exit code, or nullopt if it still runs after `timeout`.
    std::optional<int> waitExit(Clock::duration timeout)
    {
        const auto deadline = Clock::now() + timeout;
        while (!exit_code_) {
            const int status = handle_->tryWait();
            if (status != -1) {
                exit_code_ = status;
            } else if (Clock::now() >= deadline) {
                break;
            } else {
                std::this_thread::sleep_for(10ms);
            }
        }
        return exit_code_;
    }

private:
    /// A fresh folder and fresh ports, then the launcher.
    void launch(const std::string& port_value, const std::string& extra)
    {
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "data");
        exit_code_.reset();
        port_ = freeLoopbackPort();
        admin_port_ = freeLoopbackPort();
        writeConfig(port_value.empty() ? std::to_string(port_) : port_value, extra);
        const Poco::Process::Args args{
            "--config", (dir_ / "smppd.config").string(), "--run-dir", dir_.string()};
        handle_.emplace(Poco::Process::launch(std::string(SMPPD_BIN_DIR) + "/launcher", args));
    }

    /// Waits (<= 20 s) for the first smppd to start or exit: true when it exited 69.
    bool smppdFoundPortTaken() const
    {
        const auto deadline = Clock::now() + 20s;
        do {
            std::ifstream smppd_log(dir_ / "logs" / "smppd.log");
            const std::string text((std::istreambuf_iterator<char>(smppd_log)), {});
            if (text.find("event=started mode=") != std::string::npos) {
                return false;
            }
            if (log().find("event=smppd_exited code=69") != std::string::npos) {
                return true;
            }
            std::this_thread::sleep_for(10ms);
        } while (Clock::now() < deadline);
        return false;
    }

    void writeConfig(const std::string& port_value, const std::string& extra) const
    {
        std::ofstream out(dir_ / "smppd.config");
        out << "<configuration><appSettings>\n"
            << "  <add key=\"Server.ListenHost\" value=\"127.0.0.1\"/>\n"
            << "  <add key=\"Server.ListenPort\" value=\"" << port_value << "\"/>\n"
            << "  <add key=\"TcpServer.ListenHost\" value=\"127.0.0.1\"/>\n"
            << "  <add key=\"TcpServer.ListenPort\" value=\"" << freeLoopbackPort() << "\"/>\n"
            << "  <add key=\"Server.DisconnectAfterLogout\" value=\"100\"/>\n"
            << "  <add key=\"Authentication.Login\" value=\"" << kLogin << "\"/>\n"
            << "  <add key=\"Authentication.Password\" value=\"" << kPassword << "\"/>\n"
            << "  <add key=\"Store.Path\" value=\"data/smppd.db\"/>\n"
            << "  <add key=\"Log.Directory\" value=\"logs\"/>\n"
            << "  <add key=\"Log.Level\" value=\"debug\"/>\n"
            << "  <add key=\"Launcher.HeartbeatInterval\" value=\"1\"/>\n"
            << "  <add key=\"Launcher.HeartbeatTimeout\" value=\"" << kHeartbeatTimeout.count()
            << "\"/>\n"
            << "  <add key=\"Launcher.MaxBackoff\" value=\"4\"/>\n"
            << "  <add key=\"Admin.ListenPort\" value=\"" << admin_port_ << "\"/>\n"
            << extra << "</appSettings></configuration>\n";
    }

    void stopLauncher()
    {
        if (waitExit(0s)) {
            return;
        }
        ::kill(launcherPid(), SIGTERM);
        if (!waitExit(20s)) {
            Poco::Process::kill(*handle_);
            waitExit(5s);
        }
    }

    /// smppd processes this run started that outlived the launcher (only after a failure).
    void killLeftovers() const
    {
        for (int start = 1; start < 100; ++start) {
            const int pid = smppdPid(start, 0s);
            if (pid == 0) {
                return;
            }
            std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
            std::string text((std::istreambuf_iterator<char>(cmdline)), {});
            if (text.find(dir_.string()) != std::string::npos) {
                ::kill(pid, SIGKILL);
            }
        }
    }

    static inline int count_ = 0;
    fs::path dir_;
    std::uint16_t port_ = 0;
    std::uint16_t admin_port_ = 0;
    std::optional<Poco::ProcessHandle> handle_;
    std::optional<int> exit_code_;
};

/// The pid of the first smppd, once it has answered a bind (it then serves).
int firstSmppdServing(const LauncherRun& run)
{
    auto first = run.bindWithin(20s);
    REQUIRE(first);
    first->close();
    const int pid = run.smppdPid(1, 5s);
    REQUIRE(pid > 0);
    return pid;
}

} // namespace

TEST_CASE("launcher --version prints the version", "[launcher_process]")
{
    Poco::Pipe out;
    auto handle = Poco::Process::launch(
        std::string(SMPPD_BIN_DIR) + "/launcher", {"--version"}, nullptr, &out, nullptr);
    Poco::PipeInputStream stream(out);
    std::string text((std::istreambuf_iterator<char>(stream)), {});
    REQUIRE(handle.wait() == 0);
    REQUIRE(text.rfind("launcher ", 0) == 0);
}

TEST_CASE("SIGKILL of smppd: restarted and accepting binds within 1 s", "[launcher_process]")
{
    LauncherRun run;
    const int pid = firstSmppdServing(run);

    const auto killed_at = Clock::now();
    REQUIRE(::kill(pid, SIGKILL) == 0);
    auto again = run.bindWithin(10s, 200ms);
    const auto elapsed = Clock::now() - killed_at;
    REQUIRE(again);
    again->close();
    std::cout << "launcher_process: SIGKILL -> accepting binds again after " << millis(elapsed)
              << " ms (limit 1000 ms); launcher: exit seen -> relaunched in "
              << run.loggedAt("start=2") - run.loggedAt("event=smppd_exited") << " ms\n";
    const int restarted = run.smppdPid(2, 2s);
    REQUIRE(restarted > 0);
    REQUIRE(restarted != pid);
    CHECK(run.log().find("signal=9 signal_name=SIGKILL") != std::string::npos);
    // The restarted smppd was told (--restarts) how many starts came before it: /metrics shows it.
    CHECK(scrapeMetrics(run.adminPort()).find("smppd_launcher_restarts_total 1\n")
        != std::string::npos);
    REQUIRE(elapsed < 1s);
}

TEST_CASE("SIGTERM sent to smppd directly: it exits 0 unasked, and the launcher restarts it",
    "[launcher_process]")
{
    LauncherRun run;
    const int pid = firstSmppdServing(run);
    REQUIRE(
        ::kill(pid, SIGTERM) == 0); // smppd stops cleanly (exit 0), but nobody asked the launcher
    auto again = run.bindWithin(15s, 200ms);
    REQUIRE(again);
    again->close();
    const int restarted = run.smppdPid(2, 5s);
    REQUIRE(restarted > 0);
    REQUIRE(restarted != pid);
    const auto log = run.log();
    INFO(log);
    CHECK(log.find("code=0") != std::string::npos);
    CHECK(log.find("reason=exit-0-unasked") != std::string::npos);
}

TEST_CASE("SIGSTOP of smppd (hung): killed and restarted within HeartbeatTimeout + 1 s",
    "[launcher_process]")
{
    LauncherRun run;
    const int pid = firstSmppdServing(run);
    // Until its first beat smppd has Launcher.StartTimeout (60 s), not HeartbeatTimeout: freeze
    // it only once the launcher has seen that beat (logged at debug level).
    REQUIRE(run.waitLogged("event=smppd_first_beat pid=" + std::to_string(pid), 10s));

    const auto stopped_at = Clock::now();
    REQUIRE(::kill(pid, SIGSTOP) == 0);
    // Probe only once smppd is really frozen: a bind it still answers proves nothing.
    REQUIRE(waitStopped(pid, 1s));
    const auto frozen_after = Clock::now() - stopped_at;
    auto again = run.bindWithin(kHeartbeatTimeout + 10s, 200ms);
    const auto elapsed = Clock::now() - stopped_at;
    REQUIRE(again);
    again->close();
    // Any bind now comes from a new smppd, whose start line the async log may write a bit later.
    const int restarted = run.smppdPid(2, 5s);
    std::cout << "launcher_process: SIGSTOP -> all threads stopped after " << millis(frozen_after)
              << " ms, accepting binds again after " << millis(elapsed) << " ms (limit "
              << millis(kHeartbeatTimeout + 1s) << " ms); launcher: hang detected -> relaunched in "
              << run.loggedAt("start=2") - run.loggedAt("event=heartbeat_missed") << " ms\n";
    REQUIRE(restarted > 0);
    REQUIRE(restarted != pid);
    const auto log = run.log();
    CHECK(log.find("event=heartbeat_missed pid=" + std::to_string(pid)) != std::string::npos);
    CHECK(log.find("reason=hung") != std::string::npos);
    REQUIRE(elapsed < kHeartbeatTimeout + 1s);
}

TEST_CASE(
    "a config error: smppd exits 64, the launcher stops and names the key", "[launcher_process]")
{
    LauncherRun run("not-a-port");
    const auto exit_code = run.waitExit(20s);
    REQUIRE(exit_code.has_value());
    REQUIRE(*exit_code == 64);
    const auto log = run.log();
    INFO(log);
    REQUIRE(log.find("Server.ListenPort") != std::string::npos);
    REQUIRE(log.find("code=64") != std::string::npos);
    REQUIRE(log.find("reason=config-error hint=") != std::string::npos);
    REQUIRE(run.smppdPid(1, 0s) > 0);
    REQUIRE(run.smppdPid(2, 0s) == 0); // no restart loop
}

TEST_CASE("SIGTERM to the launcher: sessions get unbind, the store is flushed, both exit 0",
    "[launcher_process]")
{
    LauncherRun run;
    auto session = run.bindWithin(20s);
    REQUIRE(session);
    const int pid = run.smppdPid(1, 5s);
    REQUIRE(pid > 0);

    const auto term_at = Clock::now();
    REQUIRE(::kill(run.launcherPid(), SIGTERM) == 0);
    REQUIRE(session->awaitServerUnbind(15s));
    const auto exit_code = run.waitExit(30s);
    std::cout << "launcher_process: SIGTERM -> unbind received and both exited after "
              << millis(Clock::now() - term_at) << " ms\n";
    REQUIRE(exit_code.has_value());
    REQUIRE(*exit_code == 0);
    const auto log = run.log();
    INFO(log);
    REQUIRE(log.find("event=smppd_stopped pid=" + std::to_string(pid) + " code=0")
        != std::string::npos);
    REQUIRE(log.find("event=launcher_exiting code=0") != std::string::npos);
    // A clean SQLite close checkpoints the WAL into the database and removes it.
    REQUIRE(fs::exists(run.dbPath()));
    const fs::path wal = run.dbPath().string() + "-wal";
    REQUIRE((!fs::exists(wal) || fs::file_size(wal) == 0));
}

TEST_CASE("Launcher.StopGrace: an smppd that does not stop is killed after the grace",
    "[launcher_process]")
{
    LauncherRun run("", "  <add key=\"Launcher.StopGrace\" value=\"1\"/>\n");
    auto session = run.bindWithin(20s);
    REQUIRE(session);
    session->close();
    const int pid = run.smppdPid(1, 5s);
    REQUIRE(pid > 0);

    // A frozen smppd cannot honour SIGTERM; the launcher must kill it after 1 s, not the
    // default 30 s (and before the 2 s HeartbeatTimeout matters: the stop is checked first).
    REQUIRE(::kill(pid, SIGSTOP) == 0);
    REQUIRE(waitStopped(pid, 1s));
    const auto term_at = Clock::now();
    REQUIRE(::kill(run.launcherPid(), SIGTERM) == 0);
    const auto exit_code = run.waitExit(10s);
    const auto elapsed = Clock::now() - term_at;
    std::cout << "launcher_process: StopGrace=1 -> frozen smppd killed, launcher exited after "
              << millis(elapsed) << " ms\n";
    REQUIRE(exit_code.has_value());
    CHECK(*exit_code == 70); // kExitSoftware: smppd had to be killed
    const auto log = run.log();
    INFO(log);
    CHECK(log.find("event=smppd_stopping pid=" + std::to_string(pid) + " grace_s=1")
        != std::string::npos);
    CHECK(log.find("event=smppd_killed grace_s=1 pid=" + std::to_string(pid)) != std::string::npos);
    REQUIRE(elapsed < 5s);
}
