#include "config/AccountsFile.h"

#include "config/PasswordHash.h"
#include "config/ValueParsers.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace smppd::config_detail {

namespace {

/// Longer than any sensible range (SMPP 3.4's bind address_range holds 40 characters); bounds
/// the work of compiling a pattern read from the file.
constexpr std::size_t kMaxAddressRange = 256;

/// `addressRange`: the campaign numbers an account owns, as a regular expression in the syntax
/// of a bind's address_range (ECMAScript); blanks trimmed; "" = every number.
std::string parseAddressRange(const std::string& key, std::string_view value)
{
    std::string range(trim(value));
    if (range.size() > kMaxAddressRange) {
        fail(key, range, "a regular expression of at most 256 characters");
    }
    if (!range.empty()) {
        try {
            (void)std::regex(range, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            fail(key, range, std::string("a regular expression such as ^336 (") + e.what() + ")");
        }
    }
    return range;
}

/// Builds one Account per `<account>` element, validating each attribute.
class AccountsHandler : public Poco::XML::DefaultHandler {
public:
    AccountsHandler(std::string path, const ServerSettings& defaults)
        : path_(std::move(path)),
          defaults_(defaults)
    {
    }

    std::vector<Account> accounts;

    void setDocumentLocator(const Poco::XML::Locator* locator) override { locator_ = locator; }

    void startElement(const Poco::XML::XMLString&,
        const Poco::XML::XMLString& local_name,
        const Poco::XML::XMLString& qname,
        const Poco::XML::Attributes& attributes) override
    {
        const std::string& name = local_name.empty() ? qname : local_name;
        ++depth_;
        if (depth_ == 1 && name != "accounts") {
            throw ConfigError(fmt::format("config: Accounts.File={}: root element <{}> is not "
                                          "valid: expected <accounts>",
                path_,
                name));
        }
        if (depth_ == 2 && name == "account") {
            accounts.push_back(makeAccount(attributes));
        }
    }

    void endElement(const Poco::XML::XMLString&,
        const Poco::XML::XMLString&,
        const Poco::XML::XMLString&) override
    {
        --depth_;
    }

private:
    std::string where() const
    {
        return fmt::format(
            "Accounts.File={} line {}", path_, locator_ != nullptr ? locator_->getLineNumber() : 0);
    }

    Account makeAccount(const Poco::XML::Attributes& a) const
    {
        const std::string where_prefix = where() + ": account ";
        Account account;
        account.system_id = trim(a.getValue("systemId"));
        if (account.system_id.empty()) {
            fail(where_prefix + "systemId", account.system_id, "a non-empty system id");
        }
        checkNotReserved(where_prefix + "systemId", account.system_id);
        const std::string prefix = where_prefix + "'" + account.system_id + "' ";
        const bool has_password = a.getIndex("password") >= 0;
        const bool has_hash = a.getIndex("passwordHash") >= 0;
        if (has_password && has_hash) {
            fail(prefix + "password", "****", "either password or passwordHash, not both");
        }
        if (has_hash) {
            account.password_hash = trim(a.getValue("passwordHash"));
            try {
                (void)PasswordHash::parse(account.password_hash);
            } catch (const PasswordHashError& e) {
                fail(prefix + "passwordHash",
                    "****",
                    std::string("a hash string from smppd --hash-password (") + e.what() + ")");
            }
        } else if (!has_password || a.getValue("password").empty()) {
            fail(prefix + "password", "", "a non-empty password (or a passwordHash)");
        } else {
            account.password = a.getValue("password");
        }
        account.max_sessions =
            optionalInteger(a, "maxSessions", prefix, 1, 1000, defaults_.max_sessions_per_account);
        account.throttle_rate =
            optionalInteger(a, "throttleRate", prefix, 0, 1000000, defaults_.throttle_rate);
        account.allowed_ips = parseAddressList(prefix + "allowedIps", a.getValue("allowedIps"));
        account.address_range =
            parseAddressRange(prefix + "addressRange", a.getValue("addressRange"));
        return account;
    }

    static std::uint32_t optionalInteger(const Poco::XML::Attributes& a,
        const char* name,
        const std::string& prefix,
        std::uint64_t min,
        std::uint64_t max,
        std::uint32_t fallback)
    {
        if (a.getIndex(name) < 0) {
            return fallback;
        }
        return static_cast<std::uint32_t>(parseInteger(prefix + name, a.getValue(name), min, max));
    }

    std::string path_;
    const ServerSettings& defaults_;
    const Poco::XML::Locator* locator_ = nullptr;
    int depth_ = 0;
};

std::vector<Account> parseAccounts(
    std::istream& in, const std::string& path, const ServerSettings& defaults)
{
    AccountsHandler handler(path, defaults);
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    try {
        Poco::XML::InputSource input(in);
        parser.parse(&input);
    } catch (const Poco::XML::SAXParseException& e) {
        throw ConfigError(
            fmt::format("config: Accounts.File={}: malformed XML at line {} column {}: {}",
                path,
                e.getLineNumber(),
                e.getColumnNumber(),
                e.message()));
    } catch (const Poco::Exception& e) {
        throw ConfigError(
            fmt::format("config: Accounts.File={}: cannot read XML: {}", path, e.displayText()));
    }
    return std::move(handler.accounts);
}

/// The bridge gives a campaign to the first account, in file order, whose addressRange matches
/// it, and an account without addressRange matches every number: a range written after such an
/// account is never consulted, which is surely not what the file meant.
void warnUnreachableRanges(const std::string& path,
    const std::vector<Account>& accounts,
    std::vector<std::string>& warnings)
{
    const auto owns_all = std::find_if(
        accounts.begin(), accounts.end(), [](const Account& a) { return a.address_range.empty(); });
    if (owns_all == accounts.end()) {
        return;
    }
    for (auto it = owns_all + 1; it != accounts.end(); ++it) {
        if (!it->address_range.empty()) {
            warnings.push_back(fmt::format("config: Accounts.File={}: account '{}' addressRange "
                                           "is never used: account '{}' comes first and, "
                                           "having no addressRange, owns every campaign number",
                path,
                it->system_id,
                owns_all->system_id));
        }
    }
}

void checkAccounts(const std::string& path,
    const std::vector<Account>& accounts,
    std::vector<std::string>& warnings)
{
    if (accounts.empty()) {
        throw ConfigError(fmt::format(
            "config: Accounts.File={}: no account: expected at least one <account>", path));
    }
    std::set<std::string> ids;
    for (const Account& account : accounts) {
        if (!ids.insert(account.system_id).second) {
            fail("Accounts.File=" + path + ": account systemId",
                account.system_id,
                "each systemId once");
        }
        if (account.system_id.size() > 15 || account.password.size() > 8) {
            warnings.push_back(fmt::format("config: Accounts.File={}: account '{}' has a systemId "
                                           "over 15 or a password over 8 characters, longer than "
                                           "SMPP 3.4 allows; strict clients cannot bind with it",
                path,
                account.system_id));
        }
    }
    warnUnreachableRanges(path, accounts, warnings);
}

} // namespace

std::vector<Account> loadAccounts(
    const std::string& path, const ServerSettings& defaults, std::vector<std::string>& warnings)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError(
            fmt::format("config: Accounts.File='{}' is not valid: expected a readable file", path));
    }
    std::vector<Account> accounts = parseAccounts(in, path, defaults);
    checkAccounts(path, accounts, warnings);
    return accounts;
}

std::vector<Account> parseAccountsDocument(std::string_view xml,
    const std::string& source,
    const ServerSettings& defaults,
    std::vector<std::string>& warnings)
{
    std::istringstream in{std::string(xml)};
    std::vector<Account> accounts = parseAccounts(in, source, defaults);
    checkAccounts(source, accounts, warnings);
    return accounts;
}

} // namespace smppd::config_detail
