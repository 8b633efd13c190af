#pragma once

#include <string_view>

namespace smppd {

/// SMPP session states (checklist §2). OUTBOUND (v5, after outbind) is not used by a server.
enum class SessionState {
    Open, ///< connected, not yet bound
    BoundTx,
    BoundRx,
    BoundTrx,
    Unbound, ///< unbind exchanged (or in progress); only enquire_link is served
    Closed,
};

/// "OPEN", "BOUND_TX", "BOUND_RX", "BOUND_TRX", "UNBOUND", "CLOSED".
constexpr std::string_view toString(SessionState state) noexcept
{
    switch (state) {
    case SessionState::Open:
        return "OPEN";
    case SessionState::BoundTx:
        return "BOUND_TX";
    case SessionState::BoundRx:
        return "BOUND_RX";
    case SessionState::BoundTrx:
        return "BOUND_TRX";
    case SessionState::Unbound:
        return "UNBOUND";
    case SessionState::Closed:
        return "CLOSED";
    }
    return "?";
}

/// True for BOUND_TX/RX/TRX.
constexpr bool isBound(SessionState state) noexcept
{
    return state == SessionState::BoundTx || state == SessionState::BoundRx
        || state == SessionState::BoundTrx;
}

} // namespace smppd
