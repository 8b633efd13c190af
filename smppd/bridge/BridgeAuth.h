#pragma once

#include "smppd/session/BindGuard.h"

#include <mutex>
#include <string>
#include <string_view>

namespace smppd {

/// The bridge's token check and its lockout, shared by every connection of one listener.
/// `TcpServer.Token` is the token itself or its hash (config/PasswordHash.h). A hash is checked
/// by one thread at a time (it is costly on purpose); the last token that matched it is then
/// kept in memory and compared in constant time, so each request line does not pay the hash.
/// Failures are counted per peer address as binds are (BindGuard: 5 within 60 s lock the
/// address out for 60 s). Thread-safe.
class BridgeAuth {
public:
    using TimePoint = BindGuard::TimePoint;

    /// `token`: "" = no token required.
    explicit BridgeAuth(std::string token, BindGuard::Options lockout = {});

    /// True when requests must carry a token.
    bool required() const noexcept { return !token_.empty(); }

    /// True when `given` is the token (or hashes to it); always true when none is required.
    bool accepts(std::string_view given);

    /// True while `host` is locked out after repeated failures.
    bool isLockedOut(const std::string& host, TimePoint now)
    {
        return guard_.isLockedOut(host, now);
    }
    void recordFailure(const std::string& host, TimePoint now) { guard_.recordFailure(host, now); }
    void recordSuccess(const std::string& host) { guard_.recordSuccess(host); }

private:
    std::string token_;
    bool hashed_ = false;
    std::mutex hash_mutex_; ///< one hash check at a time
    std::mutex cache_mutex_;
    std::string verified_; ///< the plain token that last matched the hash; "" = none yet
    BindGuard guard_;
};

} // namespace smppd
