#include "smppd/bridge/BridgeProtocol.h"

#include "common/text/Utf8.h"
#include "smppd/bridge/FlatJson.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UTF8String.h>

#include <optional>

namespace smppd {
namespace {

constexpr std::size_t kMaxAddress = 20; // SMPP 3.4 §5.2.8/9: 21 octets with the NUL
constexpr std::size_t kMaxRef = 64;

BridgeError invalid(std::string message)
{
    return BridgeError{"invalid_argument", std::move(message)};
}

/// The string field `name` of a Poco object: nullopt when absent (or null); throws
/// BridgeError when not a string.
std::optional<std::string> stringField(const Poco::JSON::Object& object, const std::string& name)
{
    if (!object.has(name) || object.isNull(name)) {
        return std::nullopt;
    }
    const Poco::Dynamic::Var value = object.get(name);
    if (!value.isString()) {
        throw invalid("'" + name + "' must be a string");
    }
    return value.extract<std::string>();
}

/// The same for the fast path, whose values are all strings or null.
std::optional<std::string> stringField(const FlatJsonObject& object, const std::string& name)
{
    const auto* value = object.find(name);
    return value ? *value : std::nullopt;
}

std::string normalisePhone(const std::string& raw)
{
    std::string out;
    for (const char c : raw) {
        if (c != ' ' && c != '.' && c != '-') {
            out += c;
        }
    }
    const std::size_t digits_from = (!out.empty() && out[0] == '+') ? 1 : 0;
    const std::string_view digits = std::string_view(out).substr(digits_from);
    if (digits.empty() || digits.size() > kMaxAddress
        || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        throw invalid("'to' must be a phone number");
    }
    return out;
}

std::string validCampaign(const std::optional<std::string>& campaign)
{
    if (!campaign || campaign->empty() || campaign->size() > kMaxAddress) {
        throw invalid("'campaign' must be 1 to 20 characters");
    }
    for (const char c : *campaign) {
        if (c < 0x20 || c > 0x7e) {
            throw invalid("'campaign' must be printable ASCII");
        }
    }
    return *campaign;
}

template <typename Object>
BridgeSend parseSend(const Object& object)
{
    BridgeSend send;
    send.campaign = validCampaign(stringField(object, "campaign"));
    send.to = normalisePhone(stringField(object, "to").value_or(""));
    send.text = smpp::text::sanitizeUtf8(stringField(object, "text").value_or(""));
    if (send.text.empty()) {
        throw invalid("'text' must not be empty");
    }
    send.ref = stringField(object, "ref").value_or("");
    if (send.ref.size() > kMaxRef) {
        throw invalid("'ref' must be at most 64 characters");
    }
    send.account = stringField(object, "account").value_or("");
    send.token = stringField(object, "token").value_or("");
    return send;
}

template <typename Object>
BridgeParsed parseObject(const Object& object)
{
    const auto op = stringField(object, "op");
    if (!op) {
        return invalid("'op' is required (send or ping)");
    }
    if (*op == "send") {
        return parseSend(object);
    }
    if (*op == "ping") {
        return BridgePing{stringField(object, "token").value_or("")};
    }
    return invalid("unknown op '" + *op + "' (send or ping)");
}

} // namespace

BridgeParsed parseBridgeLine(std::string_view line)
{
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (line.size() > kMaxBridgeLine) {
        return BridgeError{"line_too_long", "request lines are limited to 65536 bytes"};
    }
    try {
        if (const auto flat = parseFlatJsonObject(line)) {
            return parseObject(*flat);
        }
    } catch (const BridgeError& error) {
        return error;
    }
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(std::string(line));
    } catch (const Poco::Exception& e) {
        return BridgeError{"bad_json", "the line is not valid JSON: " + e.message()};
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
        return BridgeError{"bad_json", "the line must be a JSON object"};
    }
    try {
        return parseObject(*parsed.extract<Poco::JSON::Object::Ptr>());
    } catch (const BridgeError& error) {
        return error;
    }
}

std::string formatBridgeOk()
{
    return R"({"ok":true})";
}

std::string formatBridgeOk(std::string_view id)
{
    return R"({"ok":true,"id":")" + Poco::UTF8::escape(std::string(id), true) + "\"}";
}

std::string formatBridgeError(const BridgeError& error)
{
    return R"({"ok":false,"error":")" + Poco::UTF8::escape(error.code, true) + R"(","message":")"
        + Poco::UTF8::escape(error.message, true) + "\"}";
}

bool tokenMatches(std::string_view expected, std::string_view given) noexcept
{
    unsigned char diff = expected.size() == given.size() ? 0 : 1;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const char g = i < given.size() ? given[i] : '\0';
        diff = static_cast<unsigned char>(diff | (expected[i] ^ g));
    }
    return diff == 0;
}

} // namespace smppd
