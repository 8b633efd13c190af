#pragma once

#include "smppd/store/Message.h"

#include <optional>
#include <ostream>
#include <string>

namespace smppd::support {

/// The inputs of `smppd --find-address NUMBER`, as typed (checked by runFindAddress).
struct FindAddressRequest {
    std::string store_path; ///< Store.Path
    std::string number; ///< any spelling: +33612345678, 0033612345678, 33 6 12 34 56 78
    std::optional<std::string> since{}; ///< --since TIME (UTC, see parseIso)
    std::optional<std::string> until{}; ///< --until TIME
    std::optional<std::string> limit{}; ///< --limit N [100]
};

/// Default --limit: a screenful that still shows a busy number's day.
inline constexpr std::size_t kDefaultFindLimit = 100;

/// How `message` relates to the number of key `number_key`: "to" when the number is its
/// destination (the message was sent to it), "from" when its source, "self" when both.
std::string directionOf(const Message& message, const std::string& number_key);

/// One result line: id, submit time (UTC), direction, the other address, state, origin and
/// target.
std::string formatMatch(const Message& message, const std::string& number_key);

/// `smppd --find-address NUMBER`: lists the messages to or from NUMBER in the store, newest
/// first, at most --limit, submitted in [--since, --until). Returns 0 with results; 1 with one
/// line on `err` when none; 64 for a malformed argument; 65 when the store cannot be read.
int runFindAddress(const FindAddressRequest& request, std::ostream& out, std::ostream& err);

} // namespace smppd::support
