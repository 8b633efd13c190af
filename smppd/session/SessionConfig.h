#pragma once

#include "config/Settings.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace smppd {

/// The per-session knobs, taken from `Server.*` (see fromSettings()).
struct SessionConfig {
    std::string smsc_identifier = "opportunity-smsc"; ///< system_id in bind responses
    std::chrono::seconds keep_alive_interval{600}; ///< 0 = never send enquire_link
    std::chrono::seconds bind_timeout{30};
    std::chrono::seconds response_timeout{30};
    /// After unbind_resp; honoured as given (Server.DisconnectAfterLogout accepts 0..600000 ms).
    std::chrono::milliseconds disconnect_after_logout{10000};
    std::chrono::seconds partial_pdu_timeout{10}; ///< checklist §1 (Jasmin's read timer)
    std::uint32_t window_size = 1000; ///< unanswered ESME requests; beyond: ESME_RTHROTTLED
    std::uint32_t outbound_window = 10; ///< deliver_sm in flight per session
    std::uint32_t throttle_rate = 0; ///< default when the account sets none; 0 = unlimited
    std::size_t max_pdu_length = 65536 + 1024;
    MessageIdFormat message_id_format = MessageIdFormat::Decimal;

    /// Maps the Server.* settings onto a SessionConfig.
    static SessionConfig fromSettings(const ServerSettings& server);
};

inline SessionConfig SessionConfig::fromSettings(const ServerSettings& server)
{
    SessionConfig c;
    // SMPP 3.4 §4.1.2: system_id is at most 16 octets with its NUL; strict clients reject more.
    c.smsc_identifier = server.smsc_identifier.substr(0, 15);
    c.keep_alive_interval = server.keep_alive_interval;
    c.bind_timeout = server.bind_timeout;
    c.response_timeout = server.response_timeout;
    c.disconnect_after_logout = server.disconnect_after_logout;
    c.window_size = server.window_size;
    c.outbound_window = server.deliver_window;
    c.throttle_rate = server.throttle_rate;
    c.max_pdu_length = server.max_pdu_length;
    c.message_id_format = server.message_id_format;
    return c;
}

} // namespace smppd
