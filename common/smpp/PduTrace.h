#pragma once

#include "common/smpp/Pdu.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace smpp {

/// One `pdu-trace.log` line (architecture §4.6) for a decoded PDU, in `key=value` form:
///   dir=in cmd=submit_sm seq=7 status=ESME_ROK service_type="" source_addr_ton=1 ...
///   esm_class=0x00 ... data_coding=0x00 sm_default_msg_id=0 sm_length=5 short_message=Hello
///   sar_msg_ref_num=42 ...
/// - header first (`dir`, `cmd`, `seq`, `status`; an unlisted status is written as 0xHHHHHHHH),
///   then the mandatory fields in wire order with the spec's names, then the TLVs that are set
///   (by name; unknown tags as `tlv_0xTTTT=<hex value>`);
/// - a value is bare when it is printable ASCII without space, `"`, `\` or `=`; otherwise it is
///   double-quoted with `"` `\` escaped and other octets as \n \r \t or \xHH (so the line is
///   ASCII, whatever the data_coding); bit-field octets (esm_class, registered_delivery,
///   data_coding, interface_version) are hex;
/// - short_message and message_payload show at most kMaxTraceText octets, then `...`;
/// - bind_* and outbind passwords are always `password=****`;
/// - with_hex and a non-empty raw frame add `hex=<lowercase hex>` of at most kMaxTraceHex
///   octets (then `...`), with every password octet written `**`.
/// Pure: no I/O; the caller logs the line (logger `smppd.pdu`).
std::string tracePdu(
    const Pdu& pdu, std::string_view direction, bool with_hex, std::span<const std::uint8_t> raw);

/// A line for a frame that could not be decoded: `dir`, the header as far as present
/// (`cmd` name or 0xHHHHHHHH, `seq`, `status`), `len`, `error=<reason>` and, with with_hex,
/// the masked hex as in tracePdu().
std::string traceFrame(std::span<const std::uint8_t> raw,
    std::string_view direction,
    std::string_view error,
    bool with_hex);

/// The line for a whole frame as read or written: tracePdu(decode(frame), ...) when it decodes,
/// else traceFrame() with the DecodeError's reason. One call per frame for the connection code
/// (it decodes again, so call it only when the trace logger is enabled).
std::string traceWire(
    std::span<const std::uint8_t> frame, std::string_view direction, bool with_hex);

/// Octets of short_message / message_payload shown before `...`.
inline constexpr std::size_t kMaxTraceText = 160;

/// Octets of the raw frame shown in `hex=` before `...`.
inline constexpr std::size_t kMaxTraceHex = 1024;

} // namespace smpp
