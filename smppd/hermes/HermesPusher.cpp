#include "smppd/hermes/HermesPusher.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "common/platform/ThreadName.h"
#include "smppd/hermes/HttpHermesClient.h"
#include "smppd/hermes/PushAssembly.h"
#include "smppd/hermes/PushClassifier.h"

#include <algorithm>
#include <utility>

namespace smppd {
namespace {

constexpr auto kPartScanPeriod = std::chrono::seconds(1);
constexpr std::size_t kMaxPipeline = 32; ///< pushes one worker sends back to back on its connection
constexpr std::size_t kMinShare = 8; ///< a backlog up to this size is not split between workers

ForwardOutcome retryOutcome()
{
    ForwardOutcome outcome;
    outcome.kind = ForwardOutcome::Kind::Retry;
    outcome.state = smpp::MessageState::Enroute;
    return outcome;
}

} // namespace

HermesPusher::HermesPusher(HermesSettings settings,
    MessageIdFormat id_format,
    ClientFactory factory,
    HermesPusherOptions options)
    : settings_(std::move(settings)),
      id_format_(id_format),
      factory_(std::move(factory)),
      options_(options)
{
}

HermesPusher::~HermesPusher()
{
    stop();
}

HermesPusher::ClientFactory HermesPusher::httpClients(const HermesSettings& settings)
{
    Poco::Net::Context::Ptr context;
    if (settings.url.rfind("https:", 0) == 0) {
        context = HttpHermesClient::makeContext(settings);
    }
    return [settings, context] { return std::make_unique<HttpHermesClient>(settings, context); };
}

void HermesPusher::start()
{
    const std::lock_guard lock(mutex_);
    if (running_) {
        return;
    }
    if (!settings_.tls_verify) {
        logging::log(log_, logging::ev::hermes_tls_verify_off, "url={}", settings_.url);
    }
    running_ = true;
    const auto count = std::max<std::uint32_t>(1, settings_.concurrency);
    for (std::uint32_t i = 0; i < count; ++i) {
        workers_.emplace_back([this] { run(); });
    }
    logging::log(log_,
        logging::ev::hermes_pusher_started,
        "url={} concurrency={} format={}",
        settings_.url,
        count,
        settings_.push_format == PushFormat::Form ? "form" : "json");
}

void HermesPusher::stop()
{
    std::deque<Job> left;
    std::vector<PartGroup> partial;
    {
        const std::lock_guard lock(mutex_);
        running_ = false;
        stopped_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) {
        worker.join();
    }
    workers_.clear();
    {
        const std::lock_guard lock(mutex_);
        left.swap(queue_);
        partial = collector_.takeAll();
    }
    for (auto& group : partial) {
        left.push_back(Job{std::move(group.parts), std::move(group.completions)});
    }
    for (auto& job : left) {
        for (auto& done : job.completions) {
            done(retryOutcome());
        }
    }
}

void HermesPusher::forward(const Message& message, Completion done)
{
    std::unique_lock lock(mutex_);
    if (stopped_) {
        lock.unlock();
        done(retryOutcome()); // stays non-final in the store; resumed at the next start
        return;
    }
    auto group = collector_.add(message, std::move(done), std::chrono::steady_clock::now());
    if (!group) {
        return;
    }
    enqueue(std::move(*group));
    const bool was_empty = queue_.size() == 1;
    lock.unlock();
    if (was_empty) {
        wake_.notify_one(); // busy workers look at the queue again by themselves
    }
}

void HermesPusher::enqueue(PartGroup&& group)
{
    queue_.push_back(Job{std::move(group.parts), std::move(group.completions)});
}

HermesPusherCounters HermesPusher::counters() const
{
    HermesPusherCounters c;
    c.posts = posts_.load();
    c.delivered = delivered_.load();
    c.rejected = rejected_.load();
    c.retried = retried_.load();
    const std::lock_guard lock(mutex_);
    c.queued = queue_.size();
    return c;
}

void HermesPusher::run()
{
    smpp::platform::nameCurrentThread("hermes-push");
    std::unique_ptr<HermesClient> client = factory_();
    std::unique_lock lock(mutex_);
    std::vector<Job> jobs;
    while (nextJobs(lock, jobs)) {
        lock.unlock();
        process(*client, jobs);
        jobs.clear();
        lock.lock();
    }
}

bool HermesPusher::nextJobs(std::unique_lock<std::mutex>& lock, std::vector<Job>& jobs)
{
    while (running_) {
        releaseStaleParts();
        if (!queue_.empty()) {
            // A small backlog goes to one worker as one pipelined batch; a large one is shared out
            // between the workers (each woken by the one before), at most kMaxPipeline each.
            const std::size_t queued = queue_.size();
            const std::size_t take =
                std::min({kMaxPipeline, queued, std::max(queued / workers_.size(), kMinShare)});
            for (std::size_t i = 0; i < take; ++i) {
                jobs.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            if (!queue_.empty()) {
                wake_.notify_one();
            }
            return true;
        }
        wake_.wait_for(lock, kPartScanPeriod);
    }
    return false;
}

void HermesPusher::releaseStaleParts()
{
    if (collector_.pendingGroups() == 0) {
        return;
    }
    const auto cutoff = std::chrono::steady_clock::now() - options_.part_hold;
    for (auto& group : collector_.takeOlderThan(cutoff)) {
        const Message& first = group.parts.front();
        logging::log(log_,
            logging::ev::hermes_parts_incomplete,
            "message_id={} parts={} total={}",
            first.id,
            group.parts.size(),
            first.concat ? first.concat->total : 1);
        enqueue(std::move(group));
    }
}

void HermesPusher::process(HermesClient& client, std::vector<Job>& jobs)
{
    std::vector<HermesPush> pushes;
    pushes.reserve(jobs.size());
    for (const auto& job : jobs) {
        pushes.push_back(assemblePush(job.parts, id_format_));
    }
    const std::vector<HttpAttempt> attempts = client.postAll(pushes);
    posts_ += jobs.size();
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const ForwardOutcome outcome = classifyAttempt(attempts[i]);
        report(jobs[i], attempts[i], outcome);
        for (auto& done : jobs[i].completions) {
            done(outcome);
        }
    }
}

void HermesPusher::report(const Job& job, const HttpAttempt& attempt, const ForwardOutcome& outcome)
{
    const auto id = job.parts.front().id;
    switch (outcome.kind) {
    case ForwardOutcome::Kind::Delivered:
        ++delivered_;
        logging::log(log_,
            logging::ev::hermes_push,
            FMT_COMPILE("message_id={} parts={} http_status={} outcome=delivered"),
            id,
            job.parts.size(),
            attempt.status);
        break;
    case ForwardOutcome::Kind::Failed:
        ++rejected_;
        logging::log(log_,
            logging::ev::hermes_push_failed,
            "message_id={} parts={} http_status={} outcome=rejected",
            id,
            job.parts.size(),
            attempt.status);
        break;
    case ForwardOutcome::Kind::Retry:
        ++retried_;
        logging::log(log_,
            logging::ev::hermes_push_failed,
            "message_id={} parts={} http_status={} outcome=retry error={}",
            id,
            job.parts.size(),
            attempt.status,
            logging::quoted(attempt.error));
        break;
    }
}

} // namespace smppd
