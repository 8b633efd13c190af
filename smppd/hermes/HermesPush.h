#pragma once

#include "config/Settings.h"

#include <chrono>
#include <string>

namespace smppd {

/// One push to Hermes (architecture §4.3): the fields of the POST body. Concatenated parts are
/// already joined and `text` is UTF-8.
struct HermesPush {
    std::string id; ///< wire message id; also the Idempotency-Key
    std::string campaign; ///< destination_addr of the submit_sm (the Hermes campaign number)
    std::string from; ///< source_addr
    std::string to; ///< destination_addr
    std::string text; ///< UTF-8
    std::string system_id; ///< account that submitted it
    std::chrono::system_clock::time_point received_at{};
    int parts = 1;

    bool operator==(const HermesPush&) const = default;
};

/// An HTTP body with its Content-Type.
struct HttpBody {
    std::string content_type;
    std::string body;
};

/// The POST body for `push`: JSON in the field order of architecture §4.3
/// (`{"id":..,"campaign":..,"from":..,"to":..,"text":..,"systemId":..,"receivedAt":..,"parts":N}`)
/// or the same fields form-encoded (application/x-www-form-urlencoded, UTF-8).
HttpBody buildPushBody(const HermesPush& push, PushFormat format);

/// `url` with `{campaign}` `{from}` `{to}` `{id}` replaced by the URL-encoded values of `push`.
/// Unknown placeholders are left as they are.
std::string fillUrl(const std::string& url, const HermesPush& push);

/// `value` as a JSON string literal (quotes included): `"` `\` and control characters escaped,
/// UTF-8 kept as is.
std::string jsonString(std::string_view value);

/// Appends jsonString(value) to `out`.
void appendJsonString(std::string& out, std::string_view value);

/// RFC 3339 UTC with second precision, e.g. "2026-11-25T10:15:00Z".
std::string formatUtc(std::chrono::system_clock::time_point time);

} // namespace smppd
