#include "smppd/jobs/Jobs.h"

#include "common/logging/Log.h"

#include <Poco/LocalDateTime.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>
#include <fmt/chrono.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <utility>

namespace smppd {

namespace {

constexpr std::chrono::seconds kMaxExpiryInterval{60};

// Router::beginReceiptPass .. endReceiptPass (on the Router's thread), ended also when a store
// read throws.
class ReceiptPass {
public:
    ReceiptPass(Router& router, const OnLoop& router_on) : router_(router), router_on_(router_on)
    {
        router_on_.runAndWait([this] { router_.beginReceiptPass(); });
    }
    ~ReceiptPass()
    {
        router_on_.runAndWait([this] { router_.endReceiptPass(); });
    }
    ReceiptPass(const ReceiptPass&) = delete;
    ReceiptPass& operator=(const ReceiptPass&) = delete;

private:
    Router& router_;
    const OnLoop& router_on_;
};

std::time_t toTimeT(TimePoint t)
{
    return std::chrono::system_clock::to_time_t(t);
}

} // namespace

JobOptions jobOptionsFrom(const Settings& settings)
{
    JobOptions options;
    options.status_report_interval = settings.job.status_report_interval;
    options.expiry_interval = std::min(settings.job.status_report_interval, kMaxExpiryInterval);
    options.purge_hour = settings.purge.hour;
    options.retention = settings.purge.retention;
    return options;
}

Jobs::Jobs(MessageStore& store,
    Router& router,
    JobOptions options,
    ReleaseFreeMemory release_memory,
    OnLoop router_on)
    : store_(store),
      router_(router),
      options_(options),
      release_memory_(std::move(release_memory)),
      router_on_(std::move(router_on))
{
}

void Jobs::resume()
{
    const auto unfinished = store_.loadUnfinished(); // the slow read, off the Router's thread
    router_on_.runAndWait([&] { router_.resume(unfinished); });
    resumeReceipts();
}

void Jobs::runDue(TimePoint now)
{
    if (!next_tick_ || now >= *next_tick_) {
        router_on_.post([this] { router_.onTick(); });
        next_tick_ = now + options_.tick_interval;
    }
    // Taken first, so that a pass due on its period answers a request too.
    bool pass_requested = false;
    router_on_.runAndWait([&] { pass_requested = router_.takeReceiptPassRequest(); });
    if (pass_requested || !next_status_report_ || now >= *next_status_report_) {
        statusReportPass();
        next_status_report_ = now + options_.status_report_interval;
    }
    if (!next_expiry_ || now >= *next_expiry_) {
        expiryPass(now);
        next_expiry_ = now + options_.expiry_interval;
    }
    if (!next_memory_pass_ || now >= *next_memory_pass_) {
        memoryPass();
        next_memory_pass_ = now + options_.memory_interval;
    }
    if (!next_purge_) {
        next_purge_ = nextPurgeTime(now);
    } else if (now >= *next_purge_) {
        purgePass(now);
        next_purge_ = nextPurgeTime(now);
    }
}

void Jobs::statusReportPass()
{
    resumeReceipts();
    router_on_.post([this] { router_.onTick(); });
}

bool Jobs::knowsAll(const std::vector<std::int64_t>& ids) const
{
    bool known = false;
    router_on_.runAndWait([&] { known = router_.knowsReceipts(ids); });
    return known;
}

bool Jobs::resumePage(std::int64_t after_id, std::size_t page)
{
    const auto receipts = store_.pendingReceipts(after_id, page); // read off the Router's thread
    bool room = false;
    router_on_.runAndWait([&] { room = router_.resumeReceipts(receipts); });
    return room;
}

void Jobs::resumeReceipts()
{
    ReceiptPass pass(router_, router_on_);
    const std::size_t page = options_.receipt_page;
    bool resuming = true;
    std::int64_t pending = 0;
    for (std::int64_t after = 0;;) {
        const auto ids = store_.pendingReceiptIds(after, page);
        pending += static_cast<std::int64_t>(ids.size());
        if (resuming && !ids.empty() && !knowsAll(ids) && !resumePage(after, page)) {
            // An account is full: the rest waits for the next pass (the Router asks for one
            // once it has drained), rather than reading every stored receipt again and again.
            // The page read now may also hold receipts newer than `ids`: known or queued once.
            // Only the ids of the rest are read on, to count them (the index alone, short reads).
            resuming = false;
        }
        if (ids.size() < page) {
            break;
        }
        after = ids.back();
    }
    pending_receipts_.store(pending, std::memory_order_relaxed);
}

std::int64_t Jobs::pendingReceiptsInStore() const
{
    return pending_receipts_.load(std::memory_order_relaxed);
}

void Jobs::expiryPass(TimePoint now)
{
    std::promise<void> committed;
    store_.expire(now, [&](const StoreResult& result, std::vector<Message> expired) {
        if (result.ok()) {
            router_.onExpired(expired);
        }
        committed.set_value();
    });
    committed.get_future().wait();
}

void Jobs::memoryPass()
{
    const std::uint64_t committed = store_.counters().committed;
    const std::uint64_t operations = committed - last_committed_;
    last_committed_ = committed;
    if (operations >= options_.burst_operations) {
        burst_since_release_ = true;
        return;
    }
    if (burst_since_release_ && release_memory_) {
        release_memory_();
    }
    burst_since_release_ = false;
}

std::int64_t Jobs::purgePass(TimePoint now)
{
    const TimePoint cutoff = now - options_.retention;
    const std::int64_t purged = purgeBefore(cutoff);
    // One line per pass, not per message: a day's purge can be millions of rows.
    logging::log(Poco::Logger::get("smppd.jobs"),
        logging::ev::purge_done,
        "purged={} cutoff={:%Y-%m-%dT%H:%M:%SZ}",
        purged,
        fmt::gmtime(toTimeT(cutoff)));
    return purged;
}

std::int64_t Jobs::purgeBefore(TimePoint cutoff)
{
    std::int64_t total = 0;
    for (;;) {
        std::promise<StoreResult> committed;
        store_.purge(cutoff, options_.purge_chunk, [&](const StoreResult& result) {
            committed.set_value(result);
        });
        const StoreResult result = committed.get_future().get();
        if (!result.ok()) {
            return total;
        }
        total += result.count;
        if (result.count < options_.purge_chunk) {
            return total;
        }
    }
}

TimePoint Jobs::nextPurgeTime(TimePoint now) const
{
    // Poco gives the local calendar date portably (localtime_r is POSIX, localtime_s Windows).
    const Poco::LocalDateTime today(Poco::Timestamp::fromEpochTime(toTimeT(now)));
    std::tm local{};
    local.tm_year = today.year() - 1900;
    local.tm_mon = today.month() - 1;
    local.tm_mday = today.day();
    local.tm_hour = options_.purge_hour;
    local.tm_min = 0;
    local.tm_sec = 0;
    local.tm_isdst = -1;
    auto candidate = std::chrono::system_clock::from_time_t(std::mktime(&local));
    if (candidate <= now) {
        local.tm_mday += 1; // mktime normalises the day, month and DST
        local.tm_hour = options_.purge_hour;
        local.tm_isdst = -1;
        candidate = std::chrono::system_clock::from_time_t(std::mktime(&local));
    }
    return candidate;
}

} // namespace smppd
