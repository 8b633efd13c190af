#pragma once

#include <stdexcept>
#include <string>

namespace smppd {

/// An environment failure of the store (style.md §4c): the database cannot be opened or
/// created, or a synchronous read failed. Asynchronous writes report StoreStatus::Error instead.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace smppd
