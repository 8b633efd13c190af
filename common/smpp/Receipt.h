#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smpp {

/// message_state values (SMPP 3.4 §5.2.28; v5 adds Scheduled and Skipped) and receipt stat:.
enum class MessageState : std::uint8_t {
    Scheduled = 0, ///< v5 "SCHEDUL"
    Enroute = 1, ///< "ENROUTE"
    Delivered = 2, ///< "DELIVRD"
    Expired = 3, ///< "EXPIRED"
    Deleted = 4, ///< "DELETED"
    Undeliverable = 5, ///< "UNDELIV"
    Accepted = 6, ///< "ACCEPTD"
    Unknown = 7, ///< "UNKNOWN"
    Rejected = 8, ///< "REJECTD"
    Skipped = 9, ///< v5 "SKIPPED"
};

/// The 7-character receipt stat text, e.g. "DELIVRD"; "UNKNOWN" for out-of-range values.
std::string_view statName(MessageState state) noexcept;

/// Parses a stat text, case-insensitive ("DELIVRD", "delivrd"); nullopt if unknown.
std::optional<MessageState> parseStat(std::string_view text) noexcept;

/// True for a final state: every state except Scheduled and Enroute.
bool isFinal(MessageState state) noexcept;

/// The delivery receipt text of checklist §6 (SMPP 3.4 Appendix B).
/// Dates are kept as the digit strings of the wire (see formatReceiptDate in SmppTime.h).
struct DeliveryReceipt {
    std::string id{}; ///< no spaces, <= 64 characters (Kannel %64[^ ])
    unsigned sub = 1; ///< formatted as 3 digits
    unsigned dlvrd = 0; ///< formatted as 3 digits
    std::string submit_date{}; ///< 10, 12 or 14 digits
    std::string done_date{}; ///< 10, 12 or 14 digits
    MessageState stat = MessageState::Delivered;
    std::string err = "000"; ///< 1-3 characters; digits are zero-padded to 3
    std::string text{}; ///< first 20 characters of the message (ASCII)
    bool operator==(const DeliveryReceipt&) const = default;
};

/// "id:I sub:SSS dlvrd:DDD submit date:D done date:D stat:SSSSSSS err:EEE text:T".
/// sub/dlvrd are zero-padded to 3 digits (values over 999 are printed in full), err to 3 if it
/// is numeric, text is cut to 20 characters; the text: label is always present, so Kannel's
/// sscanf fallback (which needs a space after err) always matches.
std::string formatReceipt(const DeliveryReceipt& receipt);

/// Parses a receipt text tolerantly (like cloudhopper): labels in any order, case-insensitive,
/// dates of 10/12/14 digits, missing sub/dlvrd/dates/err/text allowed. Requires id: and a
/// known stat:; nullopt otherwise. text: takes the rest of the string.
std::optional<DeliveryReceipt> parseReceipt(std::string_view text);

} // namespace smpp
