#pragma once

#include "common/smpp/CommandStatus.h"
#include "smppd/store/Message.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace smppd {

/// What a Session needs from the store and the router, narrowed to the four SMPP operations.
/// Every call is asynchronous: `done` runs exactly once, on any thread (typically the store's
/// writer thread after COMMIT), possibly before the call returns. The Session never calls these
/// with its own lock held, so `done` may re-enter the Session.
class MessageService {
public:
    /// Outcome of submit(): Ok and the allocated id, or SystemError / MessageQueueFull / ...
    struct SubmitResult {
        smpp::CommandStatus status = smpp::CommandStatus::Ok;
        std::int64_t id = 0;
        /// The refusal belongs to a fault that its owner logs once when it starts and once when
        /// it ends (the store's event=store_failed): count it, do not log it per message.
        bool fault = false;
    };

    /// Outcome of query(): Ok and the message, or QueryFailed (unknown id or not the caller's).
    struct QueryResult {
        smpp::CommandStatus status = smpp::CommandStatus::Ok;
        std::optional<Message> message;
    };

    /// cancel_sm arguments (SMPP 3.4 §4.9.1). id 0 = cancel by service_type + addresses.
    struct CancelRequest {
        std::string origin; ///< system_id of the requesting session
        std::int64_t id = 0;
        std::string service_type;
        std::string source_addr;
        std::string destination_addr;
    };

    /// replace_sm arguments (SMPP 3.4 §4.10.1); absent optionals keep the stored value.
    struct ReplaceRequest {
        std::string origin;
        std::int64_t id = 0;
        std::string source_addr;
        std::string payload;
        std::optional<TimePoint> schedule_time;
        std::optional<TimePoint> expiry_time;
        std::uint8_t registered_delivery = 0;
    };

    using SubmitDone = std::function<void(const SubmitResult&)>;
    using QueryDone = std::function<void(const QueryResult&)>;
    using StatusDone = std::function<void(smpp::CommandStatus)>;

    virtual ~MessageService() = default;

    /// Routes and durably stores message; done gets the id after COMMIT.
    virtual void submit(Message message, SubmitDone done) = 0;

    /// The stored message `id` if it was submitted by `origin`; else QueryFailed (0x67).
    virtual void query(std::int64_t id, const std::string& origin, QueryDone done) = 0;

    /// Cancels a message that is not final: Ok, or CancelFailed (0x11) when final or unknown.
    virtual void cancel(CancelRequest request, StatusDone done) = 0;

    /// Replaces a message that is not final: Ok, or ReplaceFailed (0x13) when final or unknown.
    virtual void replace(ReplaceRequest request, StatusDone done) = 0;
};

} // namespace smppd
