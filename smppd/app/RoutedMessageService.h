#pragma once

#include "smppd/routing/Router.h"
#include "smppd/session/MessageService.h"
#include "smppd/store/MessageStore.h"

#include <Poco/Logger.h>

namespace smppd {

/// MessageService over the Router (submit, cancel, replace: they keep its queues in step) and
/// the MessageStore (query_sm reads). A message is only visible to the account that submitted
/// it. Store statuses map as StoreResult.h says (QueueFull 0x14, Error 0x08, ...).
class RoutedMessageService : public MessageService {
public:
    RoutedMessageService(Router& router, MessageStore& store);

    void submit(Message message, SubmitDone done) override;
    void query(std::int64_t id, const std::string& origin, QueryDone done) override;
    void cancel(CancelRequest request, StatusDone done) override;
    void replace(ReplaceRequest request, StatusDone done) override;

private:
    /// The stored message if `origin` owns it; nullopt if unknown, foreign or unreadable.
    std::optional<Message> findOwned(std::int64_t id, const std::string& origin);
    /// cancel_sm with a NULL message_id: every open message matching the addresses.
    void cancelByAddresses(const CancelRequest& request, StatusDone done);
    /// The cancel_sm_resp status for a store result.
    static smpp::CommandStatus cancelStatus(const StoreResult& r);

    Router& router_;
    MessageStore& store_;
    Poco::Logger& log_;
};

} // namespace smppd
