#pragma once

#include <stdexcept>
#include <string>

namespace smpp::text {

/// Base of every exception thrown by smpp::text. Decoding never throws: malformed input is
/// replaced by U+FFFD. Only requests the SMPP format cannot express throw.
class TextError : public std::runtime_error {
public:
    explicit TextError(const std::string& what) : std::runtime_error(what) { }
};

/// Thrown by split() when a text needs more than kMaxParts (255) segments (3GPP TS 23.040
/// §9.2.3.24.1: the part count is one octet). Report it to the caller as a refusal.
class TooManyPartsError : public TextError {
public:
    explicit TooManyPartsError(const std::string& what) : TextError(what) { }
};

} // namespace smpp::text
