#include "smppd/app/SmppdServer.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "config/ConfigError.h"
#include "smppd/admin/AdminServer.h"
#include "smppd/admin/HealthReport.h"
#include "smppd/admin/Metrics.h"
#include "smppd/app/FreeMemory.h"
#include "smppd/app/MetricsObserver.h"
#include "smppd/app/RoutedMessageService.h"
#include "smppd/app/StartupChecks.h"
#include "smppd/app/StartupError.h"
#include "smppd/bridge/BridgeListener.h"
#include "smppd/bridge/RouterBridgeBackend.h"
#include "smppd/hermes/HermesPusher.h"
#include "smppd/jobs/JobScheduler.h"
#include "smppd/jobs/Jobs.h"
#include "smppd/net/ConnectionRegistry.h"
#include "smppd/net/LoopThread.h"
#include "smppd/net/SmppListener.h"
#include "smppd/routing/Router.h"
#include "smppd/session/Authenticator.h"
#include "smppd/session/BindGuard.h"
#include "smppd/session/SessionRegistry.h"
#include "smppd/store/SqliteMessageStore.h"

#include <Poco/Exception.h>
#include <Poco/Net/SSLException.h>

#include <utility>

namespace smppd {

/// The running parts, declared in construction order (destroyed in reverse).
struct ServerParts {
    explicit ServerParts(Settings s) : settings(std::move(s)), log(Poco::Logger::get("smppd.app"))
    {
    }

    Settings settings;
    Poco::Logger& log;
    Metrics metrics; ///< fed by the sessions even when the admin endpoint is off
    MetricsObserver observer{metrics};
    /// Runs the SMPP connections and the store's answers: it outlives both.
    LoopThread loop{"smpp-loop"};
    std::unique_ptr<SqliteMessageStore> store;
    std::unique_ptr<Router> router;
    std::unique_ptr<HermesPusher> hermes;
    std::unique_ptr<RoutedMessageService> messages;
    std::unique_ptr<Authenticator> authenticator;
    BindGuard bind_guard;
    SessionRegistry sessions;
    std::unique_ptr<SessionEnvironment> env;
    ConnectionRegistry connections;
    std::unique_ptr<SmppListener> listener;
    std::unique_ptr<Jobs> jobs;
    std::unique_ptr<JobScheduler> scheduler;
    std::unique_ptr<RouterBridgeBackend> bridge_backend;
    std::unique_ptr<BridgeListener> bridge;
    std::unique_ptr<AdminServer> admin;
};

namespace {

/// Runs a listener's start(), turning a bind failure into PortBindError (exit 69). TLS problems
/// (unreadable certificate or key) stay SSLException: that is a configuration error (exit 64).
template <typename Fn>
void bindOrThrow(const char* what, std::uint16_t port, Fn&& start)
{
    try {
        start();
    } catch (const Poco::Net::SSLException&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw PortBindError(
            fmt::format("{} port {} could not be bound: {}", what, port, e.displayText()));
    }
}

StoreFaultReport storeFaultReport(StoreHealth health)
{
    return StoreFaultReport{health.ok,
        std::move(health.reason),
        std::move(health.error),
        health.failed_operations,
        std::chrono::duration<double>(health.duration).count(),
        {health.failures_by_reason.begin(), health.failures_by_reason.end()}};
}

/// How the other threads (jobs, Hermes answers, admin) reach the loop's Router.
OnLoop routerOn(ServerParts& p)
{
    return OnLoop([&loop = p.loop.loop()](OnLoop::Task task) { loop.post(std::move(task)); },
        [&thread = p.loop](const OnLoop::Task& task) { thread.runAndWait(task); });
}

/// A snapshot of the Router's counters, taken on its thread (for the admin endpoint).
RouterCounters routerCounters(ServerParts& p)
{
    RouterCounters counters;
    p.loop.runAndWait([&] { counters = p.router->counters(); });
    return counters;
}

void openCore(ServerParts& p)
{
    const auto& s = p.settings;
    p.loop.start();
    p.store = std::make_unique<SqliteMessageStore>(SqliteStoreOptions{.path = s.store.path,
        .sync_full = s.store.sync_full,
        .on_commit = [&metrics = p.metrics](auto queue_wait,
                         auto commit) { metrics.storeCommitted(queue_wait, commit); },
        .answer_on = [&loop = p.loop.loop()](
                         std::function<void()> task) { loop.post(std::move(task)); }});
    p.router = std::make_unique<Router>(*p.store, routerOptionsFrom(s));
    if (s.mode == Mode::Vocalcom) {
        p.hermes = std::make_unique<HermesPusher>(
            s.hermes, s.server.message_id_format, HermesPusher::httpClients(s.hermes));
        p.router->setForwarder(p.hermes.get(), routerOn(p));
        p.hermes->start();
    }
    // After a burst: the store's page cache first, then the allocator's free pages, which
    // include what the cache gave back.
    auto release_memory = [&store = *p.store] {
        store.releaseMemory();
        releaseFreeMemory();
    };
    p.jobs =
        std::make_unique<Jobs>(*p.store, *p.router, jobOptionsFrom(s), release_memory, routerOn(p));
    p.jobs->resume();
    p.scheduler = std::make_unique<JobScheduler>(*p.jobs);
    p.scheduler->start();
}

void startSmpp(ServerParts& p)
{
    const auto& s = p.settings;
    p.messages = std::make_unique<RoutedMessageService>(*p.router, *p.store);
    p.authenticator =
        std::make_unique<Authenticator>(s.accounts, Authenticator::Options::fromSettings(s.auth));
    p.env = std::make_unique<SessionEnvironment>(SessionEnvironment{
        SessionConfig::fromSettings(s.server),
        SessionServices{
            *p.authenticator, p.bind_guard, p.sessions, *p.messages, p.router.get(), &p.observer},
        s.server.max_connections});
    p.listener = std::make_unique<SmppListener>(s.server, *p.env, p.connections, p.loop);
    bindOrThrow("Server.ListenPort", s.server.listen_port, [&] { p.listener->start(); });
}

/// VOCALCOM: the Hermes plugin's bridge, on the server's loop.
void startBridge(ServerParts& p)
{
    const auto& s = p.settings;
    if (s.mode == Mode::Vocalcom) {
        p.bridge_backend = std::make_unique<RouterBridgeBackend>(
            *p.router, s.accounts, s.server.message_id_format);
        p.bridge = std::make_unique<BridgeListener>(s.tcp_server, *p.bridge_backend, p.loop);
        try {
            bindOrThrow(
                "TcpServer.ListenPort", s.tcp_server.listen_port, [&] { p.bridge->start(); });
        } catch (const Poco::Net::SSLException& e) {
            throw ConfigError(
                "config: TcpServer.ListenParams: TLS certificate/key unusable: " + e.displayText());
        }
    }
}

/// The admin endpoint's gauges and counters that are read from the server's parts.
void provideAdminMetrics(ServerParts& p)
{
    p.metrics.setGaugeProvider("smppd_connections", "Live SMPP connections", [&p] {
        return static_cast<double>(p.connections.count());
    });
    p.metrics.setQueueDepthProvider(
        "store_writer", [&p] { return static_cast<double>(p.store->counters().queued); });
    p.metrics.setReceiptProvider([&p] {
        const RouterCounters c = routerCounters(p);
        return ReceiptCounts{c.receipts_sent, c.receipts_failed};
    });
    p.metrics.setCounterProvider("smppd_router_notifications_total",
        "Intermediate notifications (registered_delivery 0x10) acknowledged by the ESME.",
        [&p] { return static_cast<double>(routerCounters(p).notifications_sent); });
    p.metrics.setCounterProvider("smppd_router_receipts_deferred_total",
        "Times a receipt was left in the store because its account held its maximum in "
        "memory; the status-report pass sends it once the account has drained.",
        [&p] { return static_cast<double>(routerCounters(p).receipts_deferred); });
    p.metrics.setGaugeProvider("smppd_router_receipts_held",
        "Receipts waiting in memory for their account's receivers.",
        [&p] { return static_cast<double>(routerCounters(p).receipts_held); });
    p.metrics.setGaugeProvider("smppd_store_receipts_pending",
        "Receipts committed and not yet acknowledged by a receiver, held in memory or not, "
        "as counted by the last status-report pass (Job.StatusReport.Interval).",
        [&p] { return static_cast<double>(p.jobs->pendingReceiptsInStore()); });
    p.metrics.setStoreHealthProvider([&p] { return storeFaultReport(p.store->health()); });
}

void startAdmin(ServerParts& p)
{
    const auto& s = p.settings;
    const bool vocalcom = s.mode == Mode::Vocalcom;
    p.admin =
        std::make_unique<AdminServer>(adminServerOptionsFrom(s.admin), p.metrics, [&p, vocalcom] {
            HealthReport report = makeHealthReport(p.metrics, vocalcom);
            for (const SecurityWarning& w : p.settings.security_warnings) {
                report.warnings.push_back({w.event, w.key, w.message});
            }
            return report;
        });
    bindOrThrow("Admin.ListenPort", s.admin.listen_port, [&] { p.admin->start(); });
}

void startSideListeners(ServerParts& p)
{
    startBridge(p);
    if (p.settings.admin.listen_port != 0) {
        provideAdminMetrics(p);
        startAdmin(p);
    }
}

} // namespace

SmppdServer::SmppdServer(Settings settings)
    : parts_(std::make_unique<ServerParts>(std::move(settings)))
{
}

SmppdServer::~SmppdServer()
{
    try {
        stop();
    } catch (const std::exception& e) {
        logging::log(parts_->log, logging::ev::stop_failed, "error={}", logging::quoted(e.what()));
    }
}

void SmppdServer::start()
{
    started_ = true;
    checkStartupFiles(parts_->settings); // before the store and the listeners: key, path, error
    openCore(*parts_);
    // The SMPP port opens last: once it accepts, the bridge and the admin endpoint do too (the
    // launcher, the tests and an operator's probe take an open SMPP port as "started").
    startSideListeners(*parts_);
    startSmpp(*parts_);
    logging::log(parts_->log,
        logging::ev::started,
        "mode={} smpp_port={} accounts={}",
        toString(parts_->settings.mode),
        smppPort(),
        parts_->settings.accounts.size());
}

void SmppdServer::stop()
{
    if (!started_ || stopped_) {
        return;
    }
    stopped_ = true;
    auto& p = *parts_;
    logging::log(p.log, logging::ev::stopping, "connections={}", p.connections.count());
    if (p.listener) {
        p.listener->stopAccepting();
    }
    if (p.bridge) {
        p.bridge->stop();
    }
    p.connections.stopAll(); // each session sends unbind and waits for unbind_resp
    const auto grace = std::chrono::duration_cast<std::chrono::milliseconds>(
        p.settings.server.response_timeout + std::chrono::seconds(2));
    if (!p.connections.waitEmpty(grace)) {
        logging::log(p.log, logging::ev::stop_grace_exceeded, "grace_ms={}", grace.count());
        p.connections.abortAll();
        p.connections.waitEmpty(std::chrono::seconds(5));
    }
    if (p.listener) {
        p.listener->join();
    }
    if (p.admin) {
        p.admin->stop();
    }
    if (p.scheduler) {
        p.scheduler->stop();
    }
    if (p.hermes) {
        p.hermes->stop();
    }
    if (p.store) {
        p.store->flush();
        p.store->close(); // its last answers run on the loop: stopped after it
    }
    p.loop.stop();
    logging::log(p.log, logging::ev::stopped);
}

std::uint16_t SmppdServer::smppPort() const
{
    return parts_->listener ? parts_->listener->port() : 0;
}

std::size_t SmppdServer::connections() const
{
    return parts_->connections.count();
}

std::size_t SmppdServer::boundSessions() const
{
    return parts_->sessions.total();
}

void SmppdServer::setLauncherRestarts(std::uint64_t restarts)
{
    parts_->metrics.setLauncherRestarts(restarts);
}

std::uint64_t SmppdServer::queued() const
{
    return parts_->store ? parts_->store->counters().queued : 0;
}

} // namespace smppd
