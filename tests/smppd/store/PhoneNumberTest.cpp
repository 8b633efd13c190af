#include "smppd/store/PhoneNumber.h"

#include <catch2/catch.hpp>

TEST_CASE("phone number keys: digits alone, without the international 00", "[store][support]")
{
    const std::string spelling = GENERATE(
        "33612345678", "+33612345678", "0033612345678", "+33 6 12 34 56 78", "+33-6-12-34-56-78");
    INFO(spelling);
    CHECK(smppd::phoneNumberKey(spelling) == "33612345678");
}

TEST_CASE("phone number keys keep what cannot be guessed", "[store][support]")
{
    CHECK(smppd::phoneNumberKey("0612345678") == "0612345678"); // national: no country code
    CHECK(smppd::phoneNumberKey("VOCALCOM").empty()); // alphanumeric sender
    CHECK(smppd::phoneNumberKey("").empty());
    CHECK(smppd::phoneNumberKey("00").empty());
}
