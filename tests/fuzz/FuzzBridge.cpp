// libFuzzer harness for the bridge (architecture §4.4): the JSON-lines parser and the dispatch
// behind it. The input is the byte stream of one plugin connection, fed to a BridgeDispatcher in
// pseudo-random chunk sizes (derived from the input, so runs are reproducible), with a token
// required ("s3cret"), a back end that answers at once (ok, or refused when the text says so)
// and a lockout after 5 failures. Invariants: every reply is one JSON object with a boolean
// "ok"; there is at most one reply per line, plus the admission or line-length refusal; nothing
// is submitted without the token; after closing() nothing more is handled. The whole input is
// also parsed as one line, by the bridge parser and the flat-JSON fast path, which must agree
// with the general parser on what they accept.
#include "smppd/bridge/BridgeAuth.h"
#include "smppd/bridge/BridgeDispatcher.h"
#include "smppd/bridge/BridgeProtocol.h"
#include "smppd/bridge/FlatJson.h"
#include "smppd/bridge/ReplyQueue.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

class ImmediateBackend : public smppd::BridgeBackend {
public:
    std::size_t submitted = 0;
    void submit(const smppd::BridgeSend& send, Done done) override
    {
        check(send.token == "s3cret");
        check(!send.to.empty() && !send.text.empty() && !send.campaign.empty());
        ++submitted;
        if (send.text.find("refuse") != std::string::npos) {
            done({false, {}, {"unavailable", "queue full"}});
        } else {
            done({true, std::to_string(submitted), {}});
        }
    }
};

void checkReplies(const std::string& out, std::size_t max_lines)
{
    std::size_t lines = 0;
    std::size_t start = 0;
    for (auto end = out.find('\n'); end != std::string::npos; end = out.find('\n', start)) {
        Poco::JSON::Parser parser;
        const auto reply = parser.parse(out.substr(start, end - start));
        const auto object = reply.extract<Poco::JSON::Object::Ptr>();
        check(object->get("ok").isBoolean());
        ++lines;
        start = end + 1;
    }
    check(start == out.size());
    check(lines <= max_lines);
}

void exerciseDispatch(std::string_view input)
{
    smppd::BridgeAuth auth("s3cret");
    ImmediateBackend backend;
    auto replies = std::make_shared<smppd::ReplyQueue>();
    smppd::BridgeDispatcher dispatcher(backend, auth, replies, "192.0.2.1:5000", "192.0.2.1");
    const auto now = smppd::BridgeAuth::TimePoint{} + std::chrono::hours(1);
    if (input.starts_with("L")) {
        for (int i = 0; i < 5; ++i) {
            auth.recordFailure("192.0.2.1", now); // locked out: admit() refuses
        }
    }
    std::size_t max_lines = 1; // a refusal at admission or for a long line
    if (dispatcher.admit(now)) {
        std::uint32_t rng = static_cast<std::uint32_t>(input.size()) * 2654435761U;
        std::size_t pos = 0;
        while (pos < input.size()) {
            rng = rng * 1103515245U + 12345U;
            const std::size_t chunk =
                std::min<std::size_t>(input.size() - pos, 1 + (rng >> 16) % 131);
            const bool open = dispatcher.onBytes(input.substr(pos, chunk), now);
            check(open == !dispatcher.closing());
            pos += chunk;
            if (!open) {
                check(!dispatcher.onBytes("{\"op\":\"ping\",\"token\":\"s3cret\"}\n", now));
                break;
            }
        }
        max_lines += static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
    }
    check(replies->size() <= max_lines);
    checkReplies(replies->takeReady(), max_lines);
}

void exerciseParsers(std::string_view input)
{
    const smppd::BridgeParsed parsed = smppd::parseBridgeLine(input);
    if (const auto* error = std::get_if<smppd::BridgeError>(&parsed)) {
        check(!error->code.empty());
        checkReplies(smppd::formatBridgeError(*error) + "\n", 1);
    }
    if (const auto flat = smppd::parseFlatJsonObject(input)) {
        // what the fast path accepts, the general parser accepts too
        Poco::JSON::Parser parser;
        const auto general = parser.parse(std::string(input));
        check(general.type() == typeid(Poco::JSON::Object::Ptr));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool quiet = [] {
        Poco::Logger::root().setLevel(Poco::Message::PRIO_FATAL);
        Poco::Logger::get("smppd.bridge").setLevel(Poco::Message::PRIO_FATAL);
        return true;
    }();
    (void)quiet;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    exerciseDispatch(input);
    exerciseParsers(input);
    return 0;
}
