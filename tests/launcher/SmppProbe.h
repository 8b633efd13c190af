#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <vector>

namespace launcher_test {

/// A minimal SMPP 3.4 ESME for the process tests, written against the wire format directly
/// (independent of the codec under test): bind_transceiver, wait for the server's unbind,
/// unbind. Loopback only.
class SmppProbe {
public:
    /// Connects to 127.0.0.1:`port` and binds as a transceiver. True when bind_transceiver_resp
    /// with ESME_ROK arrives within `timeout` (connection refused or no answer: false).
    bool bind(std::uint16_t port,
        const char* system_id,
        const char* password,
        std::chrono::milliseconds timeout);

    /// Waits up to `timeout` for the server's unbind (answering enquire_link meanwhile) and
    /// replies unbind_resp. True when it came.
    bool awaitServerUnbind(std::chrono::milliseconds timeout);

    /// Sends unbind (without waiting) and closes.
    void close();

private:
    struct Pdu {
        std::uint32_t command_id = 0;
        std::uint32_t command_status = 0;
        std::uint32_t sequence_number = 0;
    };

    void send(std::uint32_t command_id,
        std::uint32_t sequence_number,
        const std::vector<std::uint8_t>& body);
    bool receive(Pdu& pdu, std::chrono::milliseconds timeout);
    bool readExactly(std::uint8_t* data, std::size_t size);

    Poco::Net::StreamSocket socket_;
    bool connected_ = false;
    std::uint32_t next_sequence_ = 1;
};

} // namespace launcher_test
