#pragma once

#include <stdexcept>
#include <string>

namespace smppd {

/// A listener could not bind its port at startup (smppd exits 69 so the launcher retries).
class PortBindError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace smppd
