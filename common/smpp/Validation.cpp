#include "common/smpp/Validation.h"

namespace smpp {

namespace {

using S = CommandStatus;

constexpr std::uint8_t kEsmUdhi = 0x40;
constexpr std::uint8_t kEsmTypeMask = 0x3C; // bits 5-2
constexpr std::uint8_t kDataCodingUcs2 = 0x08;

template <typename T>
CommandStatus checkSource(const T& pdu) noexcept
{
    if (!isValidTon(pdu.source_addr_ton)) {
        return S::InvalidSourceTon;
    }
    if (!isValidNpi(pdu.source_addr_npi)) {
        return S::InvalidSourceNpi;
    }
    return S::Ok;
}

/// TON/NPI of one destination (an empty address is checked separately).
template <typename T>
CommandStatus checkDestTonNpi(const T& pdu) noexcept
{
    if (!isValidTon(pdu.dest_addr_ton)) {
        return S::InvalidDestTon;
    }
    if (!isValidNpi(pdu.dest_addr_npi)) {
        return S::InvalidDestNpi;
    }
    return S::Ok;
}

template <typename T>
CommandStatus checkDest(const T& pdu) noexcept
{
    if (pdu.destination_addr.empty()) {
        return S::InvalidDestAddress;
    }
    return checkDestTonNpi(pdu);
}

/// The checks submit_sm and submit_multi share after the addresses.
template <typename T>
CommandStatus checkMessage(const T& pdu, std::uint8_t interface_version, TimePoint now)
{
    if (!isValidEsmeEsmClass(pdu.esm_class)) {
        return S::InvalidEsmClass;
    }
    if (pdu.priority_flag > 3) {
        return S::InvalidPriorityFlag;
    }
    if (const auto s = validateScheduleTime(pdu.schedule_delivery_time, now); s != S::Ok) {
        return s;
    }
    if (const auto s = validateValidityPeriod(pdu.validity_period, now); s != S::Ok) {
        return s;
    }
    if (!isValidRegisteredDelivery(pdu.registered_delivery, interface_version)) {
        return S::InvalidRegisteredDelivery;
    }
    if (pdu.replace_if_present_flag > 1) {
        return S::InvalidReplaceFlag;
    }
    if (isReservedDataCoding(pdu.data_coding)) {
        return S::InvalidDataCoding;
    }
    const std::string_view content =
        pdu.tlvs.message_payload ? std::string_view{*pdu.tlvs.message_payload} : pdu.short_message;
    return validateContent(pdu.esm_class, pdu.data_coding, content);
}

/// Returns the first non-Ok status of the list.
CommandStatus firstError(std::initializer_list<CommandStatus> statuses) noexcept
{
    for (const CommandStatus s : statuses) {
        if (s != S::Ok) {
            return s;
        }
    }
    return S::Ok;
}

} // namespace

bool isValidTon(std::uint8_t ton) noexcept
{
    return ton <= 6;
}

bool isValidNpi(std::uint8_t npi) noexcept
{
    switch (npi) {
    case 0:
    case 1:
    case 3:
    case 4:
    case 6:
    case 8:
    case 9:
    case 10:
    case 14:
    case 18:
        return true;
    default:
        return false;
    }
}

bool isReservedDataCoding(std::uint8_t data_coding) noexcept
{
    return data_coding == 0x0B || data_coding == 0x0C
        || (data_coding >= 0x0F && data_coding <= 0xBF);
}

bool isValidEsmeEsmClass(std::uint8_t esm_class) noexcept
{
    const auto type = esm_class & kEsmTypeMask;
    return type == 0x00 || type == 0x08 || type == 0x10;
}

bool isValidRegisteredDelivery(
    std::uint8_t registered_delivery, std::uint8_t interface_version) noexcept
{
    return (registered_delivery & 0x03) != 0x03 || interface_version >= 0x50;
}

CommandStatus validateContent(
    std::uint8_t esm_class, std::uint8_t data_coding, std::string_view content) noexcept
{
    std::size_t header = 0;
    if ((esm_class & kEsmUdhi) != 0) {
        if (content.empty()) {
            return S::InvalidMessageLength;
        }
        header = std::size_t{static_cast<std::uint8_t>(content[0])} + 1;
        if (header > content.size()) {
            return S::InvalidMessageLength;
        }
    }
    if (data_coding == kDataCodingUcs2 && (content.size() - header) % 2 != 0) {
        return S::InvalidMessageLength;
    }
    return S::Ok;
}

CommandStatus validateScheduleTime(std::string_view text, TimePoint now)
{
    if (text.empty() || parseSmppTime(text, now)) {
        return S::Ok;
    }
    return S::InvalidScheduleTime;
}

CommandStatus validateValidityPeriod(std::string_view text, TimePoint now)
{
    if (text.empty()) {
        return S::Ok;
    }
    const auto expiry = parseSmppTime(text, now);
    if (!expiry || *expiry < now) {
        return S::InvalidExpiry;
    }
    return S::Ok;
}

CommandStatus validateSubmitSm(const SubmitSm& pdu, std::uint8_t interface_version, TimePoint now)
{
    if (const auto s = firstError({checkSource(pdu), checkDest(pdu)}); s != S::Ok) {
        return s;
    }
    return checkMessage(pdu, interface_version, now);
}

CommandStatus validateDataSm(const DataSm& pdu, std::uint8_t interface_version)
{
    if (const auto s = firstError({checkSource(pdu), checkDest(pdu)}); s != S::Ok) {
        return s;
    }
    if (!isValidEsmeEsmClass(pdu.esm_class)) {
        return S::InvalidEsmClass;
    }
    if (!isValidRegisteredDelivery(pdu.registered_delivery, interface_version)) {
        return S::InvalidRegisteredDelivery;
    }
    if (isReservedDataCoding(pdu.data_coding)) {
        return S::InvalidDataCoding;
    }
    const std::string_view content =
        pdu.tlvs.message_payload ? std::string_view{*pdu.tlvs.message_payload} : std::string_view{};
    return validateContent(pdu.esm_class, pdu.data_coding, content);
}

CommandStatus validateSubmitMulti(
    const SubmitMulti& pdu, std::uint8_t interface_version, TimePoint now)
{
    if (pdu.dest_addresses.empty() || pdu.dest_addresses.size() > 254) {
        return S::InvalidNumberOfDests;
    }
    if (const auto s = checkSource(pdu); s != S::Ok) {
        return s;
    }
    for (const DestAddress& d : pdu.dest_addresses) {
        if (d.dest_flag == DestAddress::kDistributionList) {
            if (d.destination_addr.empty()) {
                return S::InvalidDistributionListName;
            }
        } else if (const auto s = checkDest(d); s != S::Ok) {
            return s;
        }
    }
    return checkMessage(pdu, interface_version, now);
}

CommandStatus validateReplaceSm(const ReplaceSm& pdu, std::uint8_t interface_version, TimePoint now)
{
    if (pdu.message_id.empty()) {
        return S::InvalidMessageId;
    }
    return firstError({checkSource(pdu),
        validateScheduleTime(pdu.schedule_delivery_time, now),
        validateValidityPeriod(pdu.validity_period, now),
        isValidRegisteredDelivery(pdu.registered_delivery, interface_version)
            ? S::Ok
            : S::InvalidRegisteredDelivery});
}

CommandStatus validateQuerySm(const QuerySm& pdu)
{
    if (pdu.message_id.empty()) {
        return S::InvalidMessageId;
    }
    return checkSource(pdu);
}

CommandStatus validateCancelSm(const CancelSm& pdu)
{
    if (const auto s = firstError({checkSource(pdu), checkDestTonNpi(pdu)}); s != S::Ok) {
        return s;
    }
    if (pdu.message_id.empty() && pdu.destination_addr.empty()) {
        return S::InvalidDestAddress;
    }
    return S::Ok;
}

} // namespace smpp
