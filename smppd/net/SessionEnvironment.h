#pragma once

#include "smppd/session/Session.h"

#include <cstddef>

namespace smppd {

/// What every connection needs to build its Session (owned by the listener's owner).
struct SessionEnvironment {
    SessionConfig config;
    SessionServices services;
    std::size_t max_connections = 1000;
};

} // namespace smppd
