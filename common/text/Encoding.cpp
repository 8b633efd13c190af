#include "common/text/Encoding.h"

#include "common/text/Charsets.h"
#include "common/text/Gsm7.h"

#include <utility>

namespace smpp::text {

namespace {

Alphabet smppAlphabet(std::uint8_t data_coding) noexcept
{
    switch (data_coding) {
    case kDataCodingDefault:
        return Alphabet::Gsm7;
    case kDataCodingIa5:
        return Alphabet::Ascii;
    case kDataCodingBinary:
    case kDataCodingOctet:
        return Alphabet::Binary;
    case kDataCodingLatin1:
        return Alphabet::Latin1;
    case kDataCodingUcs2:
        return Alphabet::Ucs2;
    default:
        return Alphabet::Unknown;
    }
}

} // namespace

Alphabet alphabetOf(std::uint8_t data_coding) noexcept
{
    if (data_coding < 0xC0) {
        return smppAlphabet(data_coding);
    }
    if (data_coding < 0xE0) {
        return Alphabet::Gsm7; // message waiting, discard / store
    }
    if (data_coding < 0xF0) {
        return Alphabet::Ucs2; // message waiting, store, UCS-2
    }
    return (data_coding & 0x04U) != 0 ? Alphabet::Binary : Alphabet::Gsm7; // message class
}

std::string decodeToUtf8(std::span<const std::uint8_t> octets, std::uint8_t data_coding)
{
    switch (alphabetOf(data_coding)) {
    case Alphabet::Gsm7:
        return gsm7ToUtf8(octets);
    case Alphabet::Ascii:
        return asciiToUtf8(octets);
    case Alphabet::Ucs2:
        return ucs2ToUtf8(octets);
    case Alphabet::Binary:
        return std::string(octets.begin(), octets.end());
    case Alphabet::Latin1:
    case Alphabet::Unknown:
        break;
    }
    return latin1ToUtf8(octets);
}

EncodedText encodeBest(std::string_view utf8)
{
    if (auto septets = utf8ToGsm7(utf8)) {
        return EncodedText{std::move(*septets), kDataCodingDefault};
    }
    return EncodedText{utf8ToUcs2(utf8), kDataCodingUcs2};
}

} // namespace smpp::text
