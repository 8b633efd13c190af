#pragma once

#include "common/smpp/Codec.h"
#include "common/smpp/FrameSplitter.h"
#include "common/smpp/Pdu.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smppd::itest {

/// A small blocking SMPP test client (the ESME side) over a real loopback socket, plain or TLS.
/// Every read is bounded by a timeout.
class SmppClient {
public:
    /// Connects to 127.0.0.1:port (or `host`). Throws Poco::Exception on failure.
    explicit SmppClient(
        std::uint16_t port, bool tls = false, const std::string& host = "127.0.0.1");
    ~SmppClient();
    SmppClient(const SmppClient&) = delete;
    SmppClient& operator=(const SmppClient&) = delete;

    /// Encodes and sends one PDU.
    void send(const smpp::Pdu& pdu);

    /// Sends one request body with the next sequence number; returns the number used.
    std::uint32_t request(smpp::Body body);

    /// Sends raw bytes.
    void sendRaw(const std::vector<std::uint8_t>& bytes);

    /// The next PDU, or nullopt if none arrived within timeout (or the peer closed).
    std::optional<smpp::Pdu> read(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    /// The next PDU; throws std::runtime_error on timeout or close.
    smpp::Pdu expect(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    /// The raw bytes of the last PDU read.
    const std::vector<std::uint8_t>& lastFrame() const { return last_frame_; }

    /// True if the server closes the connection within timeout (PDUs read meanwhile are kept in
    /// `drained`).
    bool waitClosed(std::chrono::milliseconds timeout, std::vector<smpp::Pdu>* drained = nullptr);

    /// bind_* with the given type; returns the response.
    smpp::Pdu bind(smpp::CommandId type,
        const std::string& system_id = "admin",
        const std::string& password = "vocalcom",
        std::uint8_t version = 0x34);

    std::uint32_t nextSequence() { return next_seq_++; }

private:
    bool fill(std::chrono::milliseconds timeout);

    std::unique_ptr<Poco::Net::StreamSocket> socket_;
    smpp::FrameSplitter splitter_{1 << 20};
    std::vector<std::uint8_t> last_frame_;
    std::uint32_t next_seq_ = 1;
    bool closed_ = false;
};

/// A submit_sm from 336000001 to `to` with `text`.
smpp::SubmitSm makeSubmit(const std::string& to = "33612345678",
    const std::string& text = "hello",
    std::uint8_t registered_delivery = 0);

/// A 16-octet header.
std::vector<std::uint8_t> rawHeader(
    std::uint32_t length, std::uint32_t id, std::uint32_t status, std::uint32_t seq);

} // namespace smppd::itest
