#include "smppd/support/FindAddressCommand.h"

#include "smppd/store/PhoneNumber.h"
#include "tests/smppd/support/SupportStore.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace std::chrono_literals;
using smppd::support::FindAddressRequest;
using smppd::support::runFindAddress;

namespace {

using smppd::test::kT0;

smppd::test::CommandRun find(const FindAddressRequest& request)
{
    return smppd::test::runCommand(runFindAddress, request);
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

/// A store of 3 messages to and from 33612345678, an hour apart, and one for someone else.
std::string sampleStore(const smppd::test::TempDir& dir)
{
    const auto path = dir.file("smppd.db");
    smppd::test::writeStore(path,
        {smppd::test::supportMessage("336000001", "+33612345678", kT0),
            smppd::test::supportMessage("0033612345678", "336000009", kT0 + 1h),
            smppd::test::supportMessage("336000001", "33699999999", kT0 + 90min),
            smppd::test::supportMessage("VOCALCOM", "33612345678", kT0 + 2h)});
    return path;
}

} // namespace

TEST_CASE("find-address: lists newest first, with direction and the other address", "[support]")
{
    smppd::test::TempDir dir;
    const auto store = sampleStore(dir);
    const std::string number = GENERATE("+33612345678", "0033612345678", "33612345678");
    const auto r = find(FindAddressRequest{store, number, {}, {}, {}});
    CHECK(r.rc == 0);
    CHECK(r.err.empty());
    const auto out = lines(r.out);
    REQUIRE(out.size() == 4);
    CHECK_THAT(out[0], Catch::StartsWith("id "));
    CHECK_THAT(out[1], Catch::StartsWith("4 "));
    CHECK_THAT(out[1], Catch::Contains("2026-12-06T12:00:00.000Z to   VOCALCOM"));
    CHECK_THAT(out[2], Catch::StartsWith("2 "));
    CHECK_THAT(out[2], Catch::Contains("from 336000009"));
    CHECK_THAT(out[3], Catch::StartsWith("1 "));
    CHECK_THAT(out[3], Catch::Contains("ENROUTE esme1 -> hermes"));
}

TEST_CASE("find-address: keeps to --since, --until and --limit", "[support]")
{
    smppd::test::TempDir dir;
    const auto store = sampleStore(dir);
    SECTION("since/until in every accepted form")
    {
        const auto r = find(FindAddressRequest{
            store, "33612345678", "2026-12-06T10:30", "2026-12-06T12:00:00Z", {}});
        CHECK(r.rc == 0);
        const auto out = lines(r.out);
        REQUIRE(out.size() == 2);
        CHECK_THAT(out[1], Catch::StartsWith("2 "));
        CHECK(find(FindAddressRequest{store, "33612345678", "2026-12-06", {}, {}}).rc == 0);
    }
    SECTION("a cut list says so")
    {
        const auto r = find(FindAddressRequest{store, "33612345678", {}, {}, "2"});
        const auto out = lines(r.out);
        REQUIRE(out.size() == 4);
        CHECK_THAT(out[1], Catch::StartsWith("4 "));
        CHECK_THAT(out[2], Catch::StartsWith("2 "));
        CHECK(out[3] == "... more, use --since/--until/--limit");
    }
    SECTION("nothing in the range: exit 1, one line")
    {
        const auto r = find(FindAddressRequest{store, "33612345678", "2026-12-07", {}, {}});
        CHECK(r.rc == 1);
        CHECK(r.out.empty());
        CHECK(r.err
            == "smppd: no message to or from 33612345678 since 2026-12-07T00:00:00.000Z in " + store
                + "\n");
    }
}

TEST_CASE("find-address: refuses malformed arguments with exit 64", "[support]")
{
    smppd::test::TempDir dir;
    const auto store = sampleStore(dir);
    CHECK(find(FindAddressRequest{store, "VOCALCOM", {}, {}, {}}).rc == 64);
    CHECK(find(FindAddressRequest{store, "336", "yesterday", {}, {}}).rc == 64);
    CHECK(find(FindAddressRequest{store, "336", {}, "2026-12-06T25:00", {}}).rc == 64);
    CHECK(find(FindAddressRequest{store, "336", "2026-12-07", "2026-12-06", {}}).rc == 64);
    const std::string limit = GENERATE("0", "-1", "ten", "2000000", "");
    const auto r = find(FindAddressRequest{store, "336", {}, {}, limit});
    CHECK(r.rc == 64);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("find-address: on a missing store exits 65 and creates nothing", "[support]")
{
    smppd::test::TempDir dir;
    const auto r = find(FindAddressRequest{dir.file("none.db"), "33612345678", {}, {}, {}});
    CHECK(r.rc == 65);
    CHECK_FALSE(std::filesystem::exists(dir.file("none.db")));
}

TEST_CASE("direction is relative to the number searched", "[support]")
{
    const auto key = smppd::phoneNumberKey("33612345678");
    CHECK(smppd::support::directionOf(smppd::test::supportMessage("1", "+33612345678", kT0), key)
        == "to");
    CHECK(smppd::support::directionOf(smppd::test::supportMessage("0033612345678", "1", kT0), key)
        == "from");
    CHECK(smppd::support::directionOf(
              smppd::test::supportMessage("33612345678", "33612345678", kT0), key)
        == "self");
}
