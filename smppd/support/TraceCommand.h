#pragma once

#include "common/smpp/SmppTime.h"
#include "smppd/store/Message.h"
#include "smppd/support/LogScanner.h"

#include <optional>
#include <ostream>
#include <string>

namespace smppd::support {

/// The inputs of `smppd --trace ID`, taken from the config and the command line.
struct TraceRequest {
    std::string store_path; ///< Store.Path
    std::string log_directory; ///< Log.Directory
    std::string id; ///< the message id as typed: as the ESME saw it (Server.MessageIdFormat)
    smpp::TimePoint now; ///< the end of the window of a message still open
    /// How `id` is written: the ESME got it in this format; the log has it in decimal.
    MessageIdFormat id_format = MessageIdFormat::Decimal;
};

/// When `message` can have log lines: from its submit time to its done time, or to `now` while
/// it is open or its receipt is still due (the receipt's lines come when its ESME binds).
TimeWindow windowOf(const Message& message, smpp::TimePoint now);

/// `smppd --trace ID`: prints the message's store record, then its log lines from every log
/// file of the folder (current, archives, gzip or not) in time order. Never writes: the store
/// is read read-only, the logs are only read. Returns 0 when the message is in the store or the
/// logs; 1 with one line on `err` when in neither; 64 when the id is malformed. Warnings (an
/// unreadable store or log file) go to `err` as "smppd: warning: ..." lines.
int runTrace(const TraceRequest& request, std::ostream& out, std::ostream& err);

} // namespace smppd::support
