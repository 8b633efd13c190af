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
    // Appended in place: one string per push instead of one per field and per escape.
    std::string out;
    out.reserve(128 + push.text.size());
    const auto field = [&out](std::string_view name, std::string_view value) {
        out += out.empty() ? '{' : ',';
        out += '"';
        out += name;
        out += "\":";
        appendJsonString(out, value);
    };
    field("id", push.id);
    field("campaign", push.campaign);
    field("from", push.from);
    field("to", push.to);
    field("text", push.text);
    field("systemId", push.system_id);
    field("receivedAt", formatUtc(push.received_at));
    out += ",\"parts\":";
    out += std::to_string(push.parts);
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
        if (out.find(name) == std::string::npos) {
            continue; // not in UrlHermes: nothing to encode
        }
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
    appendJsonString(out, value);
    return out;
}

void appendJsonString(std::string& out, std::string_view value)
{
    out += '"';
    smpp::text::appendEscaped(out, value, smpp::text::EscapeStyle::Json);
    out += '"';
}

std::string formatUtc(std::chrono::system_clock::time_point time)
{
    // Poco rather than gmtime_r, which Windows lacks.
    const auto seconds = std::chrono::system_clock::to_time_t(time);
    return Poco::DateTimeFormatter::format(
        Poco::Timestamp::fromEpochTime(seconds), "%Y-%m-%dT%H:%M:%SZ");
}

} // namespace smppd
