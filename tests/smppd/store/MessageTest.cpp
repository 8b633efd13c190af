#include "smppd/store/Message.h"

#include <catch2/catch.hpp>

using smpp::MessageState;
using smppd::MessageIdFormat;

TEST_CASE("message ids are decimal without leading zeros, or hex", "[store]")
{
    CHECK(smppd::formatMessageId(1) == "1");
    CHECK(smppd::formatMessageId(1042) == "1042");
    CHECK(smppd::formatMessageId(255, MessageIdFormat::Hex) == "ff");
    CHECK(smppd::parseMessageId("1042") == 1042);
    CHECK(smppd::parseMessageId("ff", MessageIdFormat::Hex) == 255);
    CHECK_FALSE(smppd::parseMessageId(""));
    CHECK_FALSE(smppd::parseMessageId("0"));
    CHECK_FALSE(smppd::parseMessageId("-5"));
    CHECK_FALSE(smppd::parseMessageId("12a"));
    CHECK_FALSE(smppd::parseMessageId("1234567890123456789")); // 19 digits: over 18
}

TEST_CASE("registered_delivery bits 1-0 decide the receipt", "[store]")
{
    // checklist §6: 1 = any final outcome, 2 = failure only; §10: test & 0x03 (Kannel sends 0x11).
    CHECK(smppd::wantsReceipt(0x01, MessageState::Delivered));
    CHECK(smppd::wantsReceipt(0x11, MessageState::Delivered));
    CHECK(smppd::wantsReceipt(0x01, MessageState::Expired));
    CHECK_FALSE(smppd::wantsReceipt(0x02, MessageState::Delivered));
    CHECK(smppd::wantsReceipt(0x02, MessageState::Undeliverable));
    CHECK(smppd::wantsReceipt(0x02, MessageState::Expired));
    CHECK(smppd::wantsReceipt(0x02, MessageState::Deleted));
    CHECK_FALSE(smppd::wantsReceipt(0x00, MessageState::Rejected));
    CHECK_FALSE(smppd::wantsReceipt(0x03, MessageState::Delivered));
    CHECK_FALSE(smppd::wantsReceipt(0x01, MessageState::Enroute));
}
