// libFuzzer harness for the appSettings reader and the key table (architecture §4.1). The input
// is read twice: as a whole config document through parseSettings(), and as lines `key=value`
// given straight to each key's setter (findKey), then to the cross-key rules and describe().
// Invariants: a bad document or value is a ConfigError (never another exception, never a
// crash); a parsed Settings always has at least one account; describe() never prints a
// password, a token or a hash (it masks them as ****).
#include "config/ConfigError.h"
#include "config/KeyTable.h"
#include "config/Settings.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

void checkMasked(const smppd::Settings& s)
{
    const std::string text = smppd::describe(s);
    for (const smppd::Account& a : s.accounts) {
        check(a.password.size() < 5 || text.find("password=" + a.password) == std::string::npos);
        check(a.password_hash.empty() || text.find(a.password_hash) == std::string::npos);
    }
    check(s.tcp_server.token.size() < 5
        || text.find("TcpServer.Token=" + s.tcp_server.token) == std::string::npos);
}

void exerciseDocument(std::string_view input)
{
    try {
        const smppd::Settings s = smppd::parseSettings(input, "/nonexistent-smppd-fuzz");
        check(!s.accounts.empty());
        checkMasked(s);
    } catch (const smppd::ConfigError& e) {
        check(std::string_view(e.what()).find('\n') == std::string_view::npos);
    }
}

void exerciseKeys(std::string_view input)
{
    smppd::Settings s;
    s.base_dir = "/nonexistent-smppd-fuzz";
    std::size_t start = 0;
    while (start <= input.size()) {
        const auto end = std::min(input.find('\n', start), input.size());
        const std::string_view line = input.substr(start, end - start);
        const auto eq = line.find('=');
        if (eq != std::string_view::npos) {
            if (const auto* setter = smppd::config_detail::findKey(line.substr(0, eq))) {
                try {
                    (*setter)(s, line.substr(0, eq), line.substr(eq + 1));
                } catch (const smppd::ConfigError&) {
                    // refused value: the next line goes on with the settings as they are
                }
            }
        }
        start = end + 1;
    }
    try {
        smppd::config_detail::validateCrossKeys(s);
    } catch (const smppd::ConfigError&) {
        return;
    }
    (void)smppd::describe(s);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    exerciseDocument(input);
    exerciseKeys(input);
    return 0;
}
