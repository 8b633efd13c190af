#include "smppd/bridge/BridgeAuth.h"

#include "config/PasswordHash.h"
#include "smppd/bridge/BridgeProtocol.h"

#include <utility>

namespace smppd {

BridgeAuth::BridgeAuth(std::string token, BindGuard::Options lockout)
    : token_(std::move(token)),
      hashed_(looksLikePasswordHash(token_)),
      guard_(lockout)
{
}

bool BridgeAuth::accepts(std::string_view given)
{
    if (token_.empty()) {
        return true;
    }
    if (!hashed_) {
        return tokenMatches(token_, given);
    }
    if (given.empty()) {
        return false;
    }
    {
        const std::lock_guard lock(cache_mutex_);
        if (!verified_.empty() && tokenMatches(verified_, given)) {
            return true;
        }
    }
    const std::lock_guard serial(hash_mutex_);
    if (!verifyPassword(token_, given)) {
        return false;
    }
    const std::lock_guard lock(cache_mutex_);
    verified_ = std::string(given);
    return true;
}

} // namespace smppd
