#include "smppd/app/RoutedMessageService.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/store/StoreError.h"

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace smppd {
namespace {

/// The answer to a submit the store could not take. Every refusal of the store means "nothing
/// was stored, retry later", so each is ESME_RMSGQFUL (0x14): its backlog over the limit
/// (QueueFull), and a store that cannot write (Error: disk full, I/O error, read-only file, or
/// closed while stopping). Clients treat 0x14 as temporary and back off (Kannel waits its
/// throttling-err-time before the next submit); ESME_RSYSERR is taken by many clients for a
/// permanent failure, and those that retry it do so at once. Never a false ESME_ROK.
smpp::CommandStatus submitStatus(StoreStatus status)
{
    switch (status) {
    case StoreStatus::Ok:
        return smpp::CommandStatus::Ok;
    case StoreStatus::QueueFull:
    case StoreStatus::Error:
        return smpp::CommandStatus::MessageQueueFull;
    default:
        return smpp::CommandStatus::SystemError;
    }
}

} // namespace

RoutedMessageService::RoutedMessageService(Router& router, MessageStore& store)
    : router_(router),
      store_(store),
      log_(Poco::Logger::get("smppd.app"))
{
}

void RoutedMessageService::submit(Message message, SubmitDone done)
{
    router_.submit(std::move(message), [done = std::move(done)](const StoreResult& r) {
        // Error is the store's fault (logged by the store once, counted in /metrics).
        done(SubmitResult{submitStatus(r.status), r.id, r.status == StoreStatus::Error});
    });
}

std::optional<Message> RoutedMessageService::findOwned(std::int64_t id, const std::string& origin)
{
    try {
        auto message = store_.find(id);
        if (message && message->origin == origin) {
            return message;
        }
    } catch (const StoreError& e) {
        logging::log(log_,
            logging::ev::store_read_failed,
            "message_id={} error={}",
            id,
            logging::quoted(e.what()));
    }
    return std::nullopt;
}

void RoutedMessageService::query(std::int64_t id, const std::string& origin, QueryDone done)
{
    auto message = findOwned(id, origin);
    if (!message) {
        done(QueryResult{smpp::CommandStatus::QueryFailed, std::nullopt});
        return;
    }
    done(QueryResult{smpp::CommandStatus::Ok, std::move(message)});
}

smpp::CommandStatus RoutedMessageService::cancelStatus(const StoreResult& r)
{
    return r.ok()                        ? smpp::CommandStatus::Ok
        : r.status == StoreStatus::Error ? smpp::CommandStatus::SystemError
                                         : smpp::CommandStatus::CancelFailed;
}

void RoutedMessageService::cancel(CancelRequest request, StatusDone done)
{
    if (request.id == 0) {
        cancelByAddresses(request, std::move(done));
        return;
    }
    if (!findOwned(request.id, request.origin)) {
        done(smpp::CommandStatus::CancelFailed);
        return;
    }
    router_.cancel(
        request.id, [done = std::move(done)](const StoreResult& r) { done(cancelStatus(r)); });
}

void RoutedMessageService::cancelByAddresses(const CancelRequest& request, StatusDone done)
{
    // SMPP 3.4 §4.9.1: a NULL message_id cancels every open message of this ESME with these
    // addresses (and service_type, when given). Answered once all cancels are committed: Ok
    // when every one succeeded, else the first failure.
    std::vector<std::int64_t> ids;
    try {
        ids = store_.findOpen(
            request.origin, request.service_type, request.source_addr, request.destination_addr);
    } catch (const StoreError& e) {
        logging::log(log_, logging::ev::store_read_failed, "error={}", logging::quoted(e.what()));
        done(smpp::CommandStatus::SystemError);
        return;
    }
    if (ids.empty()) {
        done(smpp::CommandStatus::CancelFailed);
        return;
    }
    struct Pending {
        std::mutex mutex;
        std::size_t left;
        smpp::CommandStatus status = smpp::CommandStatus::Ok;
        StatusDone done;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = ids.size();
    pending->done = std::move(done);
    for (const auto id : ids) {
        router_.cancel(id, [pending](const StoreResult& r) {
            std::unique_lock lock(pending->mutex);
            if (!r.ok() && pending->status == smpp::CommandStatus::Ok) {
                pending->status = cancelStatus(r);
            }
            if (--pending->left == 0) {
                const auto status = pending->status;
                lock.unlock();
                pending->done(status);
            }
        });
    }
}

void RoutedMessageService::replace(ReplaceRequest request, StatusDone done)
{
    if (!findOwned(request.id, request.origin)) {
        done(smpp::CommandStatus::ReplaceFailed);
        return;
    }
    Replacement replacement{request.id,
        std::move(request.payload),
        request.schedule_time,
        request.expiry_time,
        request.registered_delivery};
    router_.replace(replacement, [done = std::move(done)](const StoreResult& r) {
        done(r.ok()                              ? smpp::CommandStatus::Ok
                : r.status == StoreStatus::Error ? smpp::CommandStatus::SystemError
                                                 : smpp::CommandStatus::ReplaceFailed);
    });
}

} // namespace smppd
