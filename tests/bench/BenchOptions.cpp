#include "tests/bench/BenchOptions.h"

#include <charconv>
#include <functional>
#include <map>
#include <stdexcept>

namespace bench {
namespace {

template <typename T>
T number(const std::string& name, const std::string& text, T min, T max)
{
    T value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max) {
        throw std::invalid_argument("--" + name + ": bad value '" + text + "'");
    }
    return value;
}

bool flag(const std::string& name, const std::string& text)
{
    if (text.empty() || text == "1" || text == "on" || text == "true") {
        return true;
    }
    if (text == "0" || text == "off" || text == "false") {
        return false;
    }
    throw std::invalid_argument("--" + name + ": expected on/off, got '" + text + "'");
}

using Setter = std::function<void(BenchOptions&, const std::string& name, const std::string& v)>;

const std::map<std::string, Setter>& valueSetters()
{
    static const std::map<std::string, Setter> setters = {
        {"host", [](auto& o, auto&, auto& v) { o.host = v; }},
        {"port", [](auto& o, auto& n, auto& v) { o.port = number<std::uint16_t>(n, v, 1, 65535); }},
        {"system-id", [](auto& o, auto&, auto& v) { o.system_id = v; }},
        {"password", [](auto& o, auto&, auto& v) { o.password = v; }},
        {"sessions", [](auto& o, auto& n, auto& v) { o.sessions = number(n, v, 1U, 10000U); }},
        {"window", [](auto& o, auto& n, auto& v) { o.window = number(n, v, 1U, 100000U); }},
        {"rate", [](auto& o, auto& n, auto& v) { o.rate = number(n, v, 0.0, 1e9); }},
        {"size", [](auto& o, auto& n, auto& v) { o.size = number(n, v, 1U, 254U); }},
        {"duration", [](auto& o, auto& n, auto& v) { o.duration = number(n, v, 0.1, 86400.0); }},
        {"drain", [](auto& o, auto& n, auto& v) { o.drain = number(n, v, 0.0, 3600.0); }},
        {"bind-only", [](auto& o, auto& n, auto& v) { o.bind_only = number(n, v, 1U, 60000U); }},
        {"threads", [](auto& o, auto& n, auto& v) { o.threads = number(n, v, 1U, 64U); }},
        {"source", [](auto& o, auto&, auto& v) { o.source_addr = v; }},
        {"dest", [](auto& o, auto&, auto& v) { o.destination_addr = v; }},
        {"label", [](auto& o, auto&, auto& v) { o.label = v; }},
    };
    return setters;
}

} // namespace

BenchOptions parseOptions(const std::vector<std::string>& args)
{
    BenchOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "-h" || arg == "--help") {
            options.help = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0) {
            throw std::invalid_argument("unexpected argument '" + arg + "'");
        }
        std::string name = arg.substr(2);
        std::string value;
        const auto eq = name.find('=');
        const bool inline_value = eq != std::string::npos;
        if (inline_value) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (name == "receipts") {
            options.receipts = flag(name, value);
            continue;
        }
        const auto setter = valueSetters().find(name);
        if (setter == valueSetters().end()) {
            throw std::invalid_argument("unknown option --" + name);
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) {
                throw std::invalid_argument("--" + name + " needs a value");
            }
            value = args[++i];
        }
        setter->second(options, name, value);
    }
    return options;
}

std::string usage()
{
    return "usage: smpp-bench [options]\n"
           "  --host H          server address (default 127.0.0.1)\n"
           "  --port P          server port (default 2346)\n"
           "  --system-id S     bind system_id (default admin)\n"
           "  --password P      bind password (default vocalcom)\n"
           "  --sessions N      transceiver sessions (default 4)\n"
           "  --window W        unanswered submit_sm per session (default 100)\n"
           "  --rate R          total submit_sm/s, 0 = as fast as possible (default 0)\n"
           "  --size B          short_message octets, 1-254 (default 20)\n"
           "  --receipts[=on]   ask for receipts (registered_delivery 1) and match them\n"
           "  --duration S      seconds of load (default 10)\n"
           "  --drain S         max seconds to wait for late responses/receipts (default 10)\n"
           "  --bind-only N     open N bound sessions, send nothing, hold them --duration s\n"
           "  --threads T       event-loop threads (default 1)\n"
           "  --source A --dest A   submit_sm addresses\n"
           "  --label TEXT      copied into the RESULT line\n"
           "Prints a human summary and one machine-readable line starting with RESULT.\n";
}

} // namespace bench
