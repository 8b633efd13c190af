// libFuzzer harness for the Accounts.File reader (config/AccountsFile.h). The input is one
// accounts document. Invariants: it is read into at least one account, each with a system id
// and exactly one of password and passwordHash, distinct system ids; or it is refused with a
// one-line ConfigError that never repeats a passwordHash value. No other exception, no crash.
#include "config/AccountsFile.h"
#include "config/ConfigError.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> warnings;
    try {
        const auto accounts =
            smppd::config_detail::parseAccountsDocument(input, "fuzz.xml", {}, warnings);
        check(!accounts.empty());
        std::set<std::string> ids;
        for (const smppd::Account& a : accounts) {
            check(!a.system_id.empty());
            check(a.password.empty() != a.password_hash.empty());
            check(ids.insert(a.system_id).second);
            check(a.max_sessions >= 1 && a.max_sessions <= 1000);
        }
    } catch (const smppd::ConfigError& e) {
        const std::string_view what(e.what());
        check(what.find('\n') == std::string_view::npos);
        // no passwordHash value given in the document is repeated (short ones could match the
        // file name or a system id by chance)
        constexpr std::string_view kAttribute = "passwordHash=\"";
        for (auto at = input.find(kAttribute); at != std::string_view::npos;
             at = input.find(kAttribute, at + 1)) {
            const auto start = at + kAttribute.size();
            const auto value = input.substr(start, input.find('"', start) - start);
            check(value.size() < 12 || what.find(value) == std::string_view::npos);
        }
    }
    return 0;
}
