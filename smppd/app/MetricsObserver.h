#pragma once

#include "smppd/admin/Metrics.h"
#include "smppd/session/SessionObserver.h"

namespace smppd {

/// Feeds session events into the admin Metrics registry (/metrics, /health).
class MetricsObserver : public SessionObserver {
public:
    explicit MetricsObserver(Metrics& metrics) : metrics_(metrics) { }

    void pdu(bool out, std::uint32_t command_id, std::uint32_t command_status) noexcept override
    {
        metrics_.countPdu(out ? PduDirection::Out : PduDirection::In, command_id, command_status);
    }

    void bound(const std::string& system_id, SessionState state) override
    {
        metrics_.sessionBound(system_id, bindType(state));
    }

    void unbound(const std::string& system_id, SessionState state) override
    {
        metrics_.sessionUnbound(system_id, bindType(state));
    }

    // Live connections are a gauge provider (SmppdServer reads the ConnectionRegistry).
    void connectionOpened() noexcept override { }
    void connectionClosed() noexcept override { }

private:
    static BindType bindType(SessionState state)
    {
        return state == SessionState::BoundTx ? BindType::Transmitter
            : state == SessionState::BoundRx  ? BindType::Receiver
                                              : BindType::Transceiver;
    }

    Metrics& metrics_;
};

} // namespace smppd
