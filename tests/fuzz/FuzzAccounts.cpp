// libFuzzer harness for the Accounts.File reader (config/AccountsFile.h). The input is one
// accounts document. Invariants: it is read into at least one account, each with a system id
// and exactly one of password and passwordHash, distinct system ids; or it is refused with a
// one-line ConfigError; no other exception, no crash. (That the error masks a passwordHash value
// is checked by tests/config/SecurityChecksTest.cpp: here a system id, echoed in errors, may
// spell anything, hash-like text included.)
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
    }
    return 0;
}
