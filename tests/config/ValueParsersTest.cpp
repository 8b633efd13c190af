#include "config/ValueParsers.h"

#include "config/ConfigError.h"
#include "tests/support/NativePath.h"

#include <catch2/catch.hpp>

namespace cd = smppd::config_detail;

TEST_CASE("parseInteger accepts the range and blanks only", "[config][values]")
{
    CHECK(cd::parseInteger("K", " 42 ", 0, 100) == 42);
    CHECK(cd::parseInteger("K", "0", 0, 100) == 0);
    CHECK(cd::parseInteger("K", "100", 0, 100) == 100);
    const std::string bad =
        GENERATE("101", "-1", "+1", "1e3", "0x10", "", "  ", "4 2", "99999999999999999999999");
    CAPTURE(bad);
    CHECK_THROWS_AS(cd::parseInteger("K", bad, 0, 100), smppd::ConfigError);
}

TEST_CASE("parseBool knows the usual spellings", "[config][values]")
{
    for (const char* yes : {"true", "TRUE", "1", "yes", "On"}) {
        CHECK(cd::parseBool("K", yes));
    }
    for (const char* no : {"false", "False", "0", "no", "off"}) {
        CHECK_FALSE(cd::parseBool("K", no));
    }
    CHECK_THROWS_WITH(cd::parseBool("Log.PduTrace", "maybe"),
        "config: Log.PduTrace='maybe' is not valid: expected true or false");
}

TEST_CASE("parseByteSize rejects overflow and unknown units", "[config][values]")
{
    CHECK(cd::parseByteSize("K", "3 M", 0, UINT64_MAX) == 3ULL * 1024 * 1024);
    CHECK_THROWS_AS(
        cd::parseByteSize("K", "99999999999999999 G", 0, UINT64_MAX), smppd::ConfigError);
    CHECK_THROWS_AS(cd::parseByteSize("K", "5 X", 0, UINT64_MAX), smppd::ConfigError);
    CHECK_THROWS_AS(cd::parseByteSize("K", "M", 0, UINT64_MAX), smppd::ConfigError);
}

TEST_CASE("addresses and CIDR blocks", "[config][values]")
{
    CHECK(cd::isAddressOrCidr("127.0.0.1"));
    CHECK(cd::isAddressOrCidr("10.0.0.0/8"));
    CHECK(cd::isAddressOrCidr("::1"));
    CHECK(cd::isAddressOrCidr("fd00::/8"));
    CHECK_FALSE(cd::isAddressOrCidr("10.0.0.0/33"));
    CHECK_FALSE(cd::isAddressOrCidr("10.0.0.0/"));
    CHECK_FALSE(cd::isAddressOrCidr("localhost"));
    CHECK(cd::parseAddressList("K", "").empty());
    CHECK(cd::parseAddressList("K", " 1.2.3.4 ,5.6.7.8; ")
        == std::vector<std::string>{"1.2.3.4", "5.6.7.8"});
}

TEST_CASE("resolvePath", "[config][values]")
{
    using testsupport::native;
    CHECK(cd::resolvePath("/etc/smppd", "data/x.db") == native("/etc/smppd/data/x.db"));
    CHECK(cd::resolvePath("/etc/smppd", "../x.db") == native("/etc/x.db"));
    CHECK(cd::resolvePath("/etc/smppd", "/abs/x.db") == native("/abs/x.db"));
    CHECK(cd::resolvePath("/etc/smppd", "").empty());
    CHECK(cd::resolvePath("/etc/smppd", ":memory:") == ":memory:");
}

#ifdef _WIN32
TEST_CASE("resolvePath on Windows: backslashes, spaces, drive letters", "[config][values]")
{
    const std::string base = "C:\\Program Files\\smppd";
    CHECK(cd::resolvePath(base, "data\\x.db") == "C:\\Program Files\\smppd\\data\\x.db");
    CHECK(cd::resolvePath(base, "data/x.db") == "C:\\Program Files\\smppd\\data\\x.db");
    CHECK(cd::resolvePath(base, "..\\My Logs") == "C:\\Program Files\\My Logs");
    CHECK(cd::resolvePath(base, "D:\\smppd data\\x.db") == "D:\\smppd data\\x.db");
    CHECK(cd::resolvePath(base, "\\\\server\\share\\x.db") == "\\\\server\\share\\x.db");
}
#endif
