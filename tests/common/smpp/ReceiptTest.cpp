#include "common/smpp/Receipt.h"

#include <catch2/catch.hpp>

#include <cstdio>

using smpp::DeliveryReceipt;
using smpp::MessageState;

namespace {

DeliveryReceipt sample()
{
    DeliveryReceipt r;
    r.id = "1234567890";
    r.sub = 1;
    r.dlvrd = 1;
    r.submit_date = "2511252310";
    r.done_date = "2511252311";
    r.stat = MessageState::Delivered;
    r.err = "000";
    r.text = "Hello world";
    return r;
}

} // namespace

TEST_CASE("formatReceipt gives the exact checklist §6 text", "[receipt]")
{
    CHECK(smpp::formatReceipt(sample())
        == "id:1234567890 sub:001 dlvrd:001 submit date:2511252310 done date:2511252311 "
           "stat:DELIVRD err:000 text:Hello world");
    auto r = sample();
    r.text = "this text is longer than twenty characters";
    r.err = "5";
    r.stat = MessageState::Undeliverable;
    r.dlvrd = 0;
    CHECK(smpp::formatReceipt(r)
        == "id:1234567890 sub:001 dlvrd:000 submit date:2511252310 done date:2511252311 "
           "stat:UNDELIV err:005 text:this text is longer ");
    r.text.clear();
    CHECK(smpp::formatReceipt(r).ends_with(" err:005 text:"));
}

TEST_CASE("formatReceipt output matches Kannel's sscanf fallback", "[receipt]")
{
    auto r = sample();
    r.text.clear(); // even with an empty text the err value is followed by a space
    const std::string text = smpp::formatReceipt(r);
    char id[65] = {};
    int sub = 0;
    int dlvrd = 0;
    char submit[15] = {};
    char done[15] = {};
    char stat[16] = {};
    char err[4] = {};
    const int matched = std::sscanf(text.c_str(),
        "id:%64[^ ] sub:%d dlvrd:%d submit date:%14[0-9] done date:%14[0-9] stat:%15[^ ] err:%3[^ "
        "]",
        id,
        &sub,
        &dlvrd,
        submit,
        done,
        stat,
        err);
    CHECK(matched == 7);
    CHECK(std::string(id) == "1234567890");
    CHECK(std::string(stat) == "DELIVRD");
    CHECK(std::string(err) == "000");
    CHECK(std::string(done) == "2511252311");
}

TEST_CASE("parseReceipt round-trips formatReceipt", "[receipt]")
{
    CHECK(smpp::parseReceipt(smpp::formatReceipt(sample())) == sample());
    SECTION("unset dates (fuzz finding: 'done date: stat:' must parse back)")
    {
        auto r = sample();
        r.done_date.clear();
        r.submit_date.clear();
        CHECK(smpp::parseReceipt(smpp::formatReceipt(r)) == r);
    }
}

TEST_CASE("parseReceipt is tolerant like cloudhopper", "[receipt]")
{
    SECTION("any order, case-insensitive labels, 12 and 14 digit dates")
    {
        const auto r = smpp::parseReceipt(
            "STAT:delivrd ERR:0 Submit Date:20251125231000 Done Date:251125231100 ID:abc-1 "
            "Sub:1 DLVRD:1 Text:hi there");
        REQUIRE(r);
        CHECK(r->id == "abc-1");
        CHECK(r->stat == MessageState::Delivered);
        CHECK(r->err == "0");
        CHECK(r->submit_date == "20251125231000");
        CHECK(r->done_date == "251125231100");
        CHECK(r->text == "hi there");
    }
    SECTION("Jasmin-style receipt without sub, dlvrd and text")
    {
        const auto r = smpp::parseReceipt(
            "id:5b2d-4f3c submit date:2511252310 done date:2511252311 stat:UNDELIV err:045");
        REQUIRE(r);
        CHECK(r->stat == MessageState::Undeliverable);
        CHECK(r->err == "045");
        CHECK(r->text.empty());
    }
    SECTION("rejects: no id, unknown stat, long err, bad date")
    {
        CHECK_FALSE(smpp::parseReceipt("sub:001 stat:DELIVRD"));
        CHECK_FALSE(smpp::parseReceipt("id:1 stat:DONE"));
        CHECK_FALSE(smpp::parseReceipt("id:1 stat:DELIVRD err:0001"));
        CHECK_FALSE(smpp::parseReceipt("id:1 stat:DELIVRD done date:25112523"));
        CHECK_FALSE(smpp::parseReceipt(""));
    }
    SECTION("a label inside the text does not override the real one")
    {
        const auto r = smpp::parseReceipt("id:1 stat:DELIVRD err:000 text:id:2 stat:REJECTD");
        REQUIRE(r);
        CHECK(r->id == "1");
        CHECK(r->stat == MessageState::Delivered);
    }
}

TEST_CASE("message states: names, values, finality", "[receipt]")
{
    CHECK(static_cast<int>(MessageState::Enroute) == 1);
    CHECK(static_cast<int>(MessageState::Rejected) == 8);
    CHECK(smpp::statName(MessageState::Accepted) == "ACCEPTD");
    CHECK(smpp::statName(static_cast<MessageState>(42)) == "UNKNOWN");
    CHECK(smpp::parseStat("expired") == MessageState::Expired);
    CHECK_FALSE(smpp::parseStat("EXPIRE"));
    CHECK(smpp::isFinal(MessageState::Delivered));
    CHECK_FALSE(smpp::isFinal(MessageState::Enroute));
}
