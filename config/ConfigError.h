#pragma once

#include <stdexcept>
#include <string>

namespace smppd {

/// A configuration problem that must stop startup (smppd exits with 64).
/// what() is always ONE line that names the key, the value and what is expected, e.g.
/// `config: Server.ListenPort='70000' is not valid: expected an integer 0..65535`,
/// or names the file (and line) for a missing file or malformed XML.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace smppd
