#include "smppd/store/PhoneNumber.h"

namespace smppd {

std::string phoneNumberKey(std::string_view address)
{
    std::string digits;
    digits.reserve(address.size());
    for (const char c : address) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        }
    }
    if (digits.starts_with("00")) {
        digits.erase(0, 2);
    }
    return digits;
}

} // namespace smppd
