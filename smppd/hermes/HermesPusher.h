#pragma once

#include "config/Settings.h"
#include "smppd/hermes/HermesClient.h"
#include "smppd/hermes/PartCollector.h"
#include "smppd/routing/Forwarder.h"

#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace smppd {

/// Tuning that is not a config key.
struct HermesPusherOptions {
    /// How long the parts of a concatenated message are awaited before what arrived is pushed.
    std::chrono::milliseconds part_hold{std::chrono::minutes(10)};
};

/// Counters for /metrics.
struct HermesPusherCounters {
    std::uint64_t posts = 0; ///< HTTP attempts made
    std::uint64_t delivered = 0; ///< 2xx
    std::uint64_t rejected = 0; ///< final refusals
    std::uint64_t retried = 0; ///< transient failures handed back to the Router
    std::uint64_t queued = 0; ///< pushes waiting for a worker now
};

/// The VOCALCOM Forwarder (architecture §4.3): `Hermes.Concurrency` worker threads, each with
/// its own kept-alive HermesClient, post queued pushes to UrlHermes. forward() only queues, so
/// SMPP sessions never wait for Hermes. When pushes queue up, each worker takes a share of the
/// backlog (at most 32) and pipelines it on its connection (HermesClient::postAll). Parts of a
/// concatenated message are collected and pushed once; every part's completion gets the outcome.
/// The Router owns retries and expiry: one forward() is one attempt (plus one silent re-send on a
/// stale kept-alive connection).
class HermesPusher : public Forwarder {
public:
    using ClientFactory = std::function<std::unique_ptr<HermesClient>()>;

    HermesPusher(HermesSettings settings,
        MessageIdFormat id_format,
        ClientFactory factory,
        HermesPusherOptions options = {});
    ~HermesPusher() override;
    HermesPusher(const HermesPusher&) = delete;
    HermesPusher& operator=(const HermesPusher&) = delete;

    /// A factory of HttpHermesClient for `settings` sharing one TLS context. Throws
    /// Poco::Exception when the TLS context cannot be made (e.g. unreadable Hermes.CaFile).
    static ClientFactory httpClients(const HermesSettings& settings);

    /// Starts the workers; logs a warning when Hermes.TlsVerify is false.
    void start();

    /// Lets the workers finish the post in hand, then stops them. Pushes still queued (and
    /// incomplete part groups) are answered Retry: they stay non-final in the store and resume
    /// at the next start; so is any later forward(). Idempotent.
    void stop();

    void forward(const Message& message, Completion done) override;

    HermesPusherCounters counters() const;

private:
    struct Job {
        std::vector<Message> parts;
        std::vector<Completion> completions;
    };

    void run();
    bool nextJobs(std::unique_lock<std::mutex>& lock, std::vector<Job>& jobs);
    void releaseStaleParts();
    void process(HermesClient& client, std::vector<Job>& jobs);
    void enqueue(PartGroup&& group);
    void report(const Job& job, const HttpAttempt& attempt, const ForwardOutcome& outcome);

    HermesSettings settings_;
    MessageIdFormat id_format_;
    ClientFactory factory_;
    HermesPusherOptions options_;
    Poco::Logger& log_ = Poco::Logger::get("smppd.hermes");

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    PartCollector collector_;
    bool running_ = false;
    bool stopped_ = false; ///< after stop(): forward() answers Retry at once
    std::vector<std::thread> workers_;

    std::atomic<std::uint64_t> posts_{0};
    std::atomic<std::uint64_t> delivered_{0};
    std::atomic<std::uint64_t> rejected_{0};
    std::atomic<std::uint64_t> retried_{0};
};

} // namespace smppd
