#pragma once

#include "common/smpp/CommandStatus.h"
#include "common/smpp/Pdu.h"
#include "common/smpp/SmppTime.h"

#include <cstdint>
#include <string_view>

namespace smpp {

// Semantic checks of decoded ESME requests (checklist §3 field values, §9 rows 30-44).
// Pure: they return a status (error kind (b) in style.md), Ok or the first error found.
// interface_version is the session's bind version (0x34 = 3.4, 0x50 = v5); now is injected.

/// TON 0-6 (checklist §3).
bool isValidTon(std::uint8_t ton) noexcept;
/// NPI 0, 1, 3, 4, 6, 8, 9, 10, 14, 18.
bool isValidNpi(std::uint8_t npi) noexcept;
/// data_coding 0x0B, 0x0C, 0x0F-0xBF are reserved (POLICY 0x104).
bool isReservedDataCoding(std::uint8_t data_coding) noexcept;
/// esm_class bits 5-2 allowed from an ESME: 0x00, 0x08, 0x10 (else 0x43).
bool isValidEsmeEsmClass(std::uint8_t esm_class) noexcept;
/// registered_delivery: bits 1-0 == 3 is reserved before v5 (0x07).
bool isValidRegisteredDelivery(
    std::uint8_t registered_delivery, std::uint8_t interface_version) noexcept;

/// Content checks shared by submit_sm/submit_multi/data_sm (0x01): UDHI (esm_class 0x40) needs
/// UDHL+1 <= length; UCS-2 (data_coding 0x08) needs an even octet count after the UDH.
/// content is short_message, or message_payload when that is used.
CommandStatus validateContent(
    std::uint8_t esm_class, std::uint8_t data_coding, std::string_view content) noexcept;

/// schedule_delivery_time: "" or a valid SMPP time, else 0x61.
CommandStatus validateScheduleTime(std::string_view text, TimePoint now);
/// validity_period: "" or a valid SMPP time not already in the past, else 0x62.
CommandStatus validateValidityPeriod(std::string_view text, TimePoint now);

/// submit_sm from an ESME. Order: source TON/NPI (0x48/0x49), destination empty (0x0B),
/// destination TON/NPI (0x50/0x51), esm_class (0x43), priority (0x06), schedule (0x61),
/// validity (0x62), registered_delivery (0x07), replace flag (0x54), data_coding (0x104),
/// content (0x01).
CommandStatus validateSubmitSm(const SubmitSm& pdu, std::uint8_t interface_version, TimePoint now);

/// data_sm from an ESME: as submit_sm for the fields it has (content = message_payload).
CommandStatus validateDataSm(const DataSm& pdu, std::uint8_t interface_version);

/// submit_multi from an ESME: 1-254 destinations (0x33), source TON/NPI, then per destination
/// an empty address (0x0B) and TON/NPI (0x50/0x51), or an empty DL name (0x34), then the
/// message fields as submit_sm.
/// (dest_flag other than 1/2 is already rejected by decode with 0x40.)
CommandStatus validateSubmitMulti(
    const SubmitMulti& pdu, std::uint8_t interface_version, TimePoint now);

/// replace_sm: message_id non-empty (0x0C), source TON/NPI, schedule, validity,
/// registered_delivery.
CommandStatus validateReplaceSm(
    const ReplaceSm& pdu, std::uint8_t interface_version, TimePoint now);

/// query_sm: message_id non-empty (0x0C), source TON/NPI.
CommandStatus validateQuerySm(const QuerySm& pdu);

/// cancel_sm: source/destination TON/NPI; an empty message_id needs a destination (0x0B).
CommandStatus validateCancelSm(const CancelSm& pdu);

} // namespace smpp
