#include "smppd/support/LogLine.h"

#include <catch2/catch.hpp>

using smppd::support::hasToken;
using smppd::support::messageIdToken;

TEST_CASE("message_id=4 is found as a whole token only", "[support]")
{
    const auto token = messageIdToken(4);
    CHECK(token == "message_id=4");
    CHECK(hasToken("2026-12-06T07:35:17.123Z level=info submit accepted message_id=4", token));
    CHECK(hasToken("2026-12-06T07:35:17.123Z level=info message_id=4 seq=7", token));
    CHECK(hasToken("message_id=4", token));
    CHECK_FALSE(hasToken("2026-12-06T07:35:17.123Z level=info message_id=42", token));
    CHECK_FALSE(hasToken("2026-12-06T07:35:17.123Z level=info message_id=42 seq=4", token));
    CHECK_FALSE(hasToken("2026-12-06T07:35:17.123Z level=info old_message_id=4", token));
    CHECK_FALSE(hasToken("2026-12-06T07:35:17.123Z level=info id=4", token));
    CHECK_FALSE(hasToken("2026-12-06T07:35:17.123Z level=info message_id=4x", token));
}

TEST_CASE("a later occurrence counts when an earlier one is part of a longer token", "[support]")
{
    CHECK(hasToken("a message_id=42 b message_id=4 c", messageIdToken(4)));
    CHECK(hasToken("x_message_id=4 message_id=4", messageIdToken(4)));
    CHECK_FALSE(hasToken("anything", ""));
}
