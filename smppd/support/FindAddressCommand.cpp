#include "smppd/support/FindAddressCommand.h"

#include "smppd/app/ExitCodes.h"
#include "smppd/store/PhoneNumber.h"
#include "smppd/store/SqliteStoreReader.h"
#include "smppd/store/StoreError.h"
#include "smppd/support/IsoTime.h"
#include "smppd/support/MessageReport.h"

#include <Poco/File.h>
#include <fmt/format.h>

#include <charconv>

namespace smppd::support {

namespace {

constexpr std::size_t kMaxLimit = 1000000;
constexpr const char* kTimeForms =
    "a UTC time: 2026-12-06, 2026-12-06T14:02 or 2026-12-06T14:02:00Z";

/// Sets `to` from `text` (absent = left as is); false after a message on `err`.
bool parseTimeOption(const std::optional<std::string>& text,
    const char* option,
    std::optional<TimePoint>& to,
    std::ostream& err)
{
    if (!text) {
        return true;
    }
    to = parseIso(*text);
    if (!to) {
        err << "smppd: " << option << ": '" << *text << "' is not " << kTimeForms << std::endl;
        return false;
    }
    return true;
}

bool parseLimit(const std::optional<std::string>& text, std::size_t& limit, std::ostream& err)
{
    if (!text) {
        return true;
    }
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, limit);
    if (ec != std::errc() || ptr != end || limit == 0 || limit > kMaxLimit) {
        err << "smppd: --limit: '" << *text << "' is not a number from 1 to " << kMaxLimit
            << std::endl;
        return false;
    }
    return true;
}

/// The query of `request`; nullopt after a message on `err`.
std::optional<AddressQuery> parseQuery(const FindAddressRequest& request, std::ostream& err)
{
    AddressQuery query;
    query.number_key = phoneNumberKey(request.number);
    query.limit = kDefaultFindLimit;
    if (query.number_key.empty()) {
        err << "smppd: --find-address: '" << request.number << "' is not a phone number"
            << std::endl;
        return std::nullopt;
    }
    if (!parseTimeOption(request.since, "--since", query.since, err)
        || !parseTimeOption(request.until, "--until", query.until, err)
        || !parseLimit(request.limit, query.limit, err)) {
        return std::nullopt;
    }
    if (query.since && query.until && *query.since >= *query.until) {
        err << "smppd: --since must be before --until" << std::endl;
        return std::nullopt;
    }
    return query;
}

std::string header()
{
    return fmt::format("{:<10} {:<24} {:<4} {:<16} {:<7} {}",
        "id",
        "submitted (UTC)",
        "dir",
        "other address",
        "state",
        "origin -> target");
}

std::string period(const AddressQuery& query)
{
    std::string text;
    if (query.since) {
        text += " since " + formatIso(*query.since);
    }
    if (query.until) {
        text += " until " + formatIso(*query.until);
    }
    return text;
}

} // namespace

std::string directionOf(const Message& message, const std::string& number_key)
{
    const bool to = phoneNumberKey(message.destination_addr) == number_key;
    const bool from = phoneNumberKey(message.source_addr) == number_key;
    if (to && from) {
        return "self";
    }
    return to ? "to" : "from";
}

std::string formatMatch(const Message& message, const std::string& number_key)
{
    const std::string direction = directionOf(message, number_key);
    const std::string& other = direction == "from" ? message.destination_addr : message.source_addr;
    return fmt::format("{:<10} {:<24} {:<4} {:<16} {:<7} {} -> {}",
        message.id,
        formatIso(message.submit_time),
        direction,
        other.empty() ? "-" : other,
        smpp::statName(message.state),
        message.origin.empty() ? "-" : message.origin,
        targetName(message.target));
}

int runFindAddress(const FindAddressRequest& request, std::ostream& out, std::ostream& err)
{
    const auto query = parseQuery(request, err);
    if (!query) {
        return kExitConfig;
    }
    AddressMatches matches;
    try {
        if (request.store_path.empty() || request.store_path == ":memory:"
            || !Poco::File(request.store_path).exists()) {
            throw StoreError("no such file");
        }
        SqliteStoreReader reader(request.store_path);
        matches = reader.findAddress(*query);
    } catch (const StoreError& e) {
        err << "smppd: cannot read the store " << request.store_path << ": " << e.what()
            << std::endl;
        return kExitStore;
    }
    if (matches.messages.empty()) {
        err << "smppd: no message to or from " << request.number << period(*query) << " in "
            << request.store_path << std::endl;
        return kExitNotFound;
    }
    out << header() << '\n';
    for (const auto& message : matches.messages) {
        out << formatMatch(message, query->number_key) << '\n';
    }
    if (matches.more) {
        out << "... more, use --since/--until/--limit\n";
    }
    return kExitOk;
}

} // namespace smppd::support
