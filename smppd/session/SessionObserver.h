#pragma once

#include "smppd/session/SessionState.h"

#include <cstdint>
#include <string>

namespace smppd {

/// Receives what sessions do, for metrics (/metrics, /health). Called from session threads,
/// sometimes with a session's lock held: implementations must be thread-safe, cheap and must not
/// call back into a Session.
class SessionObserver {
public:
    virtual ~SessionObserver() = default;

    /// A PDU was received (In) or queued for sending (out = true).
    virtual void pdu(bool out, std::uint32_t command_id, std::uint32_t command_status) noexcept = 0;

    /// A session bound as `state` (BOUND_TX/RX/TRX) for system_id.
    virtual void bound(const std::string& system_id, SessionState state) = 0;

    /// A session that was bound as `state` is no longer bound (unbind or close).
    virtual void unbound(const std::string& system_id, SessionState state) = 0;

    /// A TCP connection was accepted / ended (called by the network layer).
    virtual void connectionOpened() noexcept = 0;
    virtual void connectionClosed() noexcept = 0;
};

} // namespace smppd
