#include "launcher/Supervisor.h"

#include "common/ipc/HeartbeatReader.h"
#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "launcher/Platform.h"

#include <Poco/Exception.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

namespace launcher {

namespace {

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

} // namespace

Supervisor::Supervisor(SupervisorOptions options,
    ipc::HeartbeatReader& heartbeat,
    std::function<bool()> stop_requested)
    : options_(std::move(options)),
      heartbeat_(heartbeat),
      stop_requested_(std::move(stop_requested)),
      monitor_(options_.start_timeout, options_.heartbeat_timeout),
      policy_(options_.restart)
{
}

int Supervisor::run()
{
    while (!stop_requested_()) {
        const Run run = runOnce();
        // A console Ctrl-C reaches smppd too: it may exit 0 before the launcher sees its own
        // stop request. That is a stop, not an exit to restart.
        if (run.ending == Ending::StopRequested || stop_requested_()) {
            if (run.ending != Ending::StopRequested) {
                logging::log(
                    log_, logging::ev::smppd_exited_while_stopping, "{}", run.exit.describe());
            }
            return run.exit == ChildExit{} && !run.killed ? kExitOk : kExitSoftware;
        }
        // A hung smppd counts as hung whatever it exited with once terminated (even 0).
        const ChildExit judged =
            run.ending == Ending::Hung ? ChildExit{ChildExit::Kind::Hung, 0} : run.exit;
        const auto decision = policy_.onExit(judged, run.duration, Clock::now());
        logExit(run, decision);
        if (decision.action == Action::StopConfigError) {
            return judged.code; // 64 or 65: the service manager must not restart either
        }
        if (!pauseUnlessStopped(decision.delay)) {
            break;
        }
    }
    logging::log(log_, logging::ev::launcher_stop_idle);
    return kExitOk;
}

Supervisor::Run Supervisor::runOnce()
{
    Run run;
    const auto started = Clock::now();
    // --restarts: how many times this launcher started smppd before, for smppd's /metrics.
    const Poco::Process::Args args{"--config",
        options_.config_path,
        "--heartbeat",
        heartbeat_.name(),
        "--restarts",
        std::to_string(starts_)};
    std::optional<Poco::ProcessHandle> child;
    try {
        child.emplace(Poco::Process::launch(options_.smppd_path, args));
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::smppd_launch_failed,
            "path={} error={}",
            logging::quoted(options_.smppd_path),
            logging::quoted(e.displayText()));
        run.exit = ChildExit{ChildExit::Kind::LaunchFailed, 0};
        run.duration = Clock::now() - started;
        return run;
    }
    ++starts_;
    logging::log(log_, logging::ev::smppd_launched, "pid={} start={}", child->id(), starts_);
    if (const auto problem = platform::tieChildToLauncher(child->id()); !problem.empty()) {
        logging::log(log_, logging::ev::smppd_not_tied, "pid={} error={}", child->id(), problem);
    }
    monitor_.reset(started);
    try {
        run.ending = watch(*child, run);
    } catch (...) {
        // Never leave smppd running without its watchdog: kill it, then let the error through.
        killChild(*child);
        throw;
    }
    run.duration = Clock::now() - started;
    return run;
}

Supervisor::Ending Supervisor::watch(Poco::ProcessHandle& child, Run& run)
{
    ChildExit& exit = run.exit;
    for (;;) {
        const int status = child.tryWait();
        if (status != -1) {
            exit = ChildExit::fromWaitStatus(status);
            return Ending::Exited;
        }
        const auto now = Clock::now();
        takeBeats(child, now);
        if (stop_requested_()) {
            logging::log(log_,
                logging::ev::smppd_stopping,
                "pid={} grace_s={}",
                child.id(),
                seconds(options_.stop_grace));
            exit = stopChild(child, options_.stop_grace, run.killed);
            logging::log(log_,
                logging::ev::smppd_stopped,
                "pid={} {} killed={}",
                child.id(),
                exit.describe(),
                run.killed ? 1 : 0);
            return Ending::StopRequested;
        }
        if (monitor_.isHung(now)) {
            logging::log(log_,
                logging::ev::heartbeat_missed,
                "pid={} phase={} silence_s={:.1f} timeout_s={} beats={}",
                child.id(),
                monitor_.beats() == 0 ? "start" : "running", // which timeout applied
                seconds(monitor_.silence(now)),
                seconds(monitor_.allowedSilence()),
                monitor_.beats());
            exit = stopChild(child, options_.hang_grace, run.killed);
            return Ending::Hung;
        }
        std::this_thread::sleep_for(options_.tick);
    }
}

ChildExit Supervisor::stopChild(
    Poco::ProcessHandle& child, std::chrono::milliseconds grace, bool& killed)
{
    killed = false;
    requestTermination(child);
    const auto deadline = Clock::now() + grace;
    for (;;) {
        const int status = child.tryWait();
        if (status != -1) {
            return ChildExit::fromWaitStatus(status);
        }
        if (Clock::now() >= deadline) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    logging::log(log_, logging::ev::smppd_killed, "grace_s={} pid={}", seconds(grace), child.id());
    killChild(child);
    killed = true;
    return ChildExit::fromWaitStatus(child.wait());
}

void Supervisor::killChild(Poco::ProcessHandle& child)
{
    // By pid, not by handle: on Windows Poco 1.11's kill(ProcessHandle&) closes the handle, and
    // the wait for the exit that follows then fails ("Wait failed for process").
    try {
        Poco::Process::kill(child.id());
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::smppd_kill_failed,
            "pid={} error={}",
            child.id(),
            logging::quoted(e.displayText()));
    }
}

void Supervisor::takeBeats(const Poco::ProcessHandle& child, Clock::time_point now)
{
    for (const auto& beat : pollHeartbeat(now)) {
        if (beat.pid != static_cast<std::uint64_t>(child.id())) {
            continue; // a beat of an earlier smppd still in the pipe
        }
        if (monitor_.beats() == 0) {
            logging::log(log_,
                logging::ev::smppd_first_beat,
                "pid={} after_s={:.1f}",
                beat.pid,
                seconds(monitor_.silence(now)));
        }
        monitor_.onBeat(now);
    }
}

std::vector<ipc::Beat> Supervisor::pollHeartbeat(Clock::time_point now)
{
    try {
        return heartbeat_.poll(now);
    } catch (const std::system_error& e) {
        // Logged, not fatal: without beats the hang check restarts smppd, visibly.
        logging::log(log_,
            logging::ev::heartbeat_read_failed,
            "pipe={} error={}",
            heartbeat_.name(),
            logging::quoted(e.what()));
        return {};
    }
}

void Supervisor::requestTermination(const Poco::ProcessHandle& child)
{
#ifdef _WIN32
    try {
        // Sets the POCOTRM<pid> event smppd's ServerApplication waits for.
        Poco::Process::requestTermination(child.id());
    } catch (const Poco::Exception& e) {
        logging::log(log_,
            logging::ev::smppd_terminate_failed,
            "pid={} error={}",
            child.id(),
            logging::quoted(e.displayText()));
    }
#else
    // SIGTERM rather than Poco's SIGINT: the conventional stop signal, honoured by
    // ServerApplication even when POCO_ENABLE_DEBUGGER makes it ignore SIGINT.
    if (::kill(child.id(), SIGTERM) != 0) {
        logging::log(
            log_, logging::ev::smppd_terminate_failed, "pid={} error=errno:{}", child.id(), errno);
    }
#endif
}

bool Supervisor::pauseUnlessStopped(std::chrono::milliseconds delay)
{
    const auto until = Clock::now() + delay;
    while (Clock::now() < until) {
        if (stop_requested_()) {
            return false;
        }
        std::this_thread::sleep_for(std::min<Clock::duration>(options_.tick, until - Clock::now()));
    }
    return !stop_requested_();
}

void Supervisor::logExit(const Run& run, const RestartDecision& decision)
{
    const auto how =
        run.ending == Ending::Hung ? "hung=1 " + run.exit.describe() : run.exit.describe();
    switch (decision.action) {
    case Action::StopConfigError: {
        const auto why =
            options_.explain_config_error ? options_.explain_config_error() : std::string();
        const auto hint = !why.empty()            ? why
            : decision.reason == "store-unusable" ? "see event=store_open_failed in smppd.log"
                                                  : "see smppd's output for the key";
        report(SupervisorEvent::ConfigError,
            logging::ev::smppd_not_restarted,
            fmt::format("{} run_s={:.1f} reason={} hint={}",
                how,
                seconds(run.duration),
                decision.reason,
                logging::quoted(hint)));
        return;
    }
    case Action::Restart:
        break;
    }
    report(SupervisorEvent::Restart,
        logging::ev::smppd_exited,
        fmt::format("{} run_s={:.1f} reason={} restart_in_s={:.1f} failures={} recent_restarts={}",
            how,
            seconds(run.duration),
            decision.reason,
            seconds(decision.delay),
            decision.failures,
            decision.recent_restarts));
    if (decision.storm_began) {
        report(SupervisorEvent::RestartStorm,
            logging::ev::restart_storm,
            fmt::format("restarts={} window_s={}",
                decision.recent_restarts,
                seconds(policy_.options().storm_window)));
    }
}

void Supervisor::report(
    SupervisorEvent event, const logging::Event& log_event, const std::string& keys) const
{
    logging::log(log_, log_event, "{}", keys);
    emit(event, "event=" + std::string(log_event.name) + " " + keys); // the Event Log's text
}

void Supervisor::emit(SupervisorEvent event, const std::string& line) const
{
    if (options_.on_event) {
        options_.on_event(event, line);
    }
}

} // namespace launcher
