#pragma once

#include "common/smpp/Tlvs.h"
#include "common/smpp/WireReader.h"
#include "common/smpp/WireWriter.h"

namespace smpp {

/// Internal to the codec: reads TLVs up to the end of the body (checklist §5): an overrun or
/// 1-3 stray octets is 0xC0, a known tag with the wrong length 0xC2, an incomplete SAR set 0xC3,
/// SAR values outside 1 <= seqnum <= total 0xC4. Unknown tags are kept in tlvs.unknown.
void readTlvs(WireReader& reader, Tlvs& tlvs);

/// Internal to the codec: writes the set members in ascending tag order, then tlvs.unknown.
/// Throws std::invalid_argument for a value longer than its TLV allows.
void writeTlvs(WireWriter& writer, const Tlvs& tlvs);

} // namespace smpp
