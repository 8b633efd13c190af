#include "smppd/hermes/HermesPush.h"

#include "common/text/Escape.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <array>
#include <ctime>
#include <utility>

namespace smppd {
namespace {

/// RFC 3986 unreserved characters stay; everything else is percent-encoded.
std::string urlEncode(std::string_view value)
{
    std::string out;
    Poco::URI::encode(std::string(value), "!#$&'()*+,/:;=?@[]\"%<>\\^`{|} ", out);
    return out;
}

std::array<std::pair<const char*, std::string>, 8> fields(const HermesPush& push)
{
    return {{{"id", push.id},
        {"campaign", push.campaign},
        {"from", push.from},
        {"to", push.to},
        {"text", push.text},
        {"systemId", push.system_id},
        {"receivedAt", formatUtc(push.received_at)},
        {"parts", std::to_string(push.parts)}}};
}

std::string jsonBody(const HermesPush& push)
{
    std::string out = "{";
    for (const auto& [name, value] : fields(push)) {
        if (out.size() > 1) {
            out += ',';
        }
        out += jsonString(name);
        out += ':';
        out += std::string_view(name) == "parts" ? value : jsonString(value);
    }
    out += '}';
    return out;
}

std::string formBody(const HermesPush& push)
{
    std::string out;
    for (const auto& [name, value] : fields(push)) {
        if (!out.empty()) {
            out += '&';
        }
        out += name;
        out += '=';
        out += urlEncode(value);
    }
    return out;
}

} // namespace

HttpBody buildPushBody(const HermesPush& push, PushFormat format)
{
    if (format == PushFormat::Form) {
        return {"application/x-www-form-urlencoded; charset=utf-8", formBody(push)};
    }
    return {"application/json; charset=utf-8", jsonBody(push)};
}

std::string fillUrl(const std::string& url, const HermesPush& push)
{
    const std::array<std::pair<std::string_view, const std::string*>, 4> placeholders{
        {{"{campaign}", &push.campaign},
            {"{from}", &push.from},
            {"{to}", &push.to},
            {"{id}", &push.id}}};
    std::string out = url;
    for (const auto& [name, value] : placeholders) {
        const std::string encoded = urlEncode(*value);
        for (auto pos = out.find(name); pos != std::string::npos;
             pos = out.find(name, pos + encoded.size())) {
            out.replace(pos, name.size(), encoded);
        }
    }
    return out;
}

std::string jsonString(std::string_view value)
{
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    smpp::text::appendEscaped(out, value, smpp::text::EscapeStyle::Json);
    out += '"';
    return out;
}

std::string formatUtc(std::chrono::system_clock::time_point time)
{
    // Poco rather than gmtime_r, which Windows lacks.
    const auto seconds = std::chrono::system_clock::to_time_t(time);
    return Poco::DateTimeFormatter::format(
        Poco::Timestamp::fromEpochTime(seconds), "%Y-%m-%dT%H:%M:%SZ");
}

} // namespace smppd
