#include "common/smpp/CommandStatus.h"

#include "common/smpp/CommandId.h"

#include <catch2/catch.hpp>

using smpp::CommandId;
using smpp::CommandStatus;

TEST_CASE("command_status names and values match checklist §4", "[status]")
{
    CHECK(smpp::name(CommandStatus::Ok) == "ESME_ROK");
    CHECK(smpp::name(CommandStatus::Throttled) == "ESME_RTHROTTLED");
    CHECK(smpp::toWire(CommandStatus::Throttled) == 0x58);
    CHECK(smpp::name(CommandStatus::InvalidDestNpi) == "ESME_RINVDSTNPI");
    CHECK(smpp::toWire(CommandStatus::InvalidDestNpi) == 0x51);
    CHECK(smpp::toWire(CommandStatus::InvalidSourceNpi) == 0x49);
    CHECK(smpp::toWire(CommandStatus::InvalidDataCoding) == 0x104);
    CHECK(smpp::name(CommandStatus::InvalidDataCoding) == "ESME_RINVDCS");
    CHECK(smpp::name(CommandStatus::TemporaryAppError) == "ESME_RX_T_APPN");
    CHECK(smpp::toWire(CommandStatus::RejectAppError) == 0x66);
    CHECK(smpp::name(CommandStatus::InvalidTlvStream) == "ESME_RINVTLVSTREAM");
    CHECK(smpp::toWire(CommandStatus::InvalidTlvValue) == 0xC4);
    CHECK(smpp::name(static_cast<CommandStatus>(0x4A)) == "ESME_UNKNOWN");
    CHECK(smpp::name(static_cast<CommandStatus>(0x400)) == "ESME_UNKNOWN");
}

TEST_CASE("isKnown is true exactly for the listed statuses, the ones name() knows", "[status]")
{
    CHECK(smpp::isKnown(CommandStatus::Ok));
    CHECK(smpp::isKnown(CommandStatus::Throttled));
    CHECK(smpp::isKnown(CommandStatus::InvalidDataCoding));
    CHECK_FALSE(smpp::isKnown(static_cast<CommandStatus>(0x09))); // reserved in 3.4
    CHECK_FALSE(smpp::isKnown(static_cast<CommandStatus>(0x4A)));
    CHECK_FALSE(smpp::isKnown(static_cast<CommandStatus>(0x400)));
    CHECK_FALSE(smpp::isKnown(static_cast<CommandStatus>(0xFFFFFFFF)));
    int known = 0;
    for (std::uint32_t value = 0; value < 0x200; ++value) {
        const auto status = static_cast<CommandStatus>(value);
        INFO(value);
        CHECK(smpp::isKnown(status) == (smpp::name(status) != "ESME_UNKNOWN"));
        known += smpp::isKnown(status) ? 1 : 0;
    }
    CHECK(known == 49); // every entry of checklist §4
}

TEST_CASE("only 0x08, 0x14, 0x58 and 0x64 are transient (Kannel retries)", "[status]")
{
    for (std::uint32_t value = 0; value < 0x200; ++value) {
        const bool expected = value == 0x08 || value == 0x14 || value == 0x58 || value == 0x64;
        INFO(value);
        CHECK(smpp::isTransient(static_cast<CommandStatus>(value)) == expected);
    }
}

TEST_CASE("command ids: known set, response bit and names", "[commandid]")
{
    CHECK(smpp::isKnown(0x00000004));
    CHECK(smpp::isKnown(0x80000000));
    CHECK(smpp::isKnown(0x00000102));
    CHECK_FALSE(smpp::isKnown(0x0000000A));
    CHECK_FALSE(smpp::isKnown(0x80000102)); // alert_notification has no response
    CHECK_FALSE(smpp::isKnown(0x8000000B)); // nor outbind
    CHECK_FALSE(smpp::isKnown(0x00000000));
    CHECK_FALSE(smpp::isKnown(0x00000111)); // v5 broadcast_sm: unknown to this 3.4 codec
    CHECK(smpp::isResponse(CommandId::GenericNack));
    CHECK_FALSE(smpp::isResponse(CommandId::SubmitSm));
    CHECK(smpp::responseIdFor(0x00000103) == 0x80000103);
    CHECK(smpp::name(CommandId::SubmitSmResp) == "submit_sm_resp");
    CHECK(smpp::name(CommandId::AlertNotification) == "alert_notification");
    CHECK(smpp::name(static_cast<CommandId>(0x99)) == "unknown");
}
