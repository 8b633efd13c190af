#pragma once

#include <string>
#include <string_view>

namespace smppd {

/// The key two spellings of one phone number share, for a support search by address: its digits
/// alone, without the international prefix "00" ("+" is not a digit), so "+33 6 12 34 56 78",
/// "0033612345678" and "33612345678" all give "33612345678". A national spelling
/// ("0612345678") keeps its own key: the country code cannot be guessed. "" when `address` has
/// no digit (an alphanumeric sender such as "VOCALCOM").
std::string phoneNumberKey(std::string_view address);

} // namespace smppd
