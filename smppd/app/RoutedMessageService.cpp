#include "smppd/app/RoutedMessageService.h"

#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "smppd/store/StoreError.h"

#include <utility>

namespace smppd {
namespace {

smpp::CommandStatus submitStatus(StoreStatus status)
{
    switch (status) {
    case StoreStatus::Ok:
        return smpp::CommandStatus::Ok;
    case StoreStatus::QueueFull:
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
        done(SubmitResult{submitStatus(r.status), r.id});
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
        logging::error(
            log_, "store read failed message_id={} error={}", id, logging::quoted(e.what()));
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

void RoutedMessageService::cancel(CancelRequest request, StatusDone done)
{
    // Cancel by service_type + addresses (empty message_id) is not supported: 0x11.
    if (request.id == 0 || !findOwned(request.id, request.origin)) {
        done(smpp::CommandStatus::CancelFailed);
        return;
    }
    router_.cancel(request.id, [done = std::move(done)](const StoreResult& r) {
        done(r.ok()                              ? smpp::CommandStatus::Ok
                : r.status == StoreStatus::Error ? smpp::CommandStatus::SystemError
                                                 : smpp::CommandStatus::CancelFailed);
    });
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
