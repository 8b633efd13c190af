#include "tests/integration/SmppClient.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

#include <stdexcept>

namespace smppd::itest {
namespace {

using Clock = std::chrono::steady_clock;

Poco::Timespan toTimespan(std::chrono::milliseconds ms)
{
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

} // namespace

SmppClient::SmppClient(std::uint16_t port, bool tls, const std::string& host)
{
    const Poco::Net::SocketAddress address(host, port);
    if (tls) {
        Poco::Net::Context::Ptr context = new Poco::Net::Context(
            Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
        auto secure = std::make_unique<Poco::Net::SecureStreamSocket>(context);
        secure->connect(address, Poco::Timespan(5, 0));
        socket_ = std::move(secure);
    } else {
        socket_ = std::make_unique<Poco::Net::StreamSocket>();
        socket_->connect(address, Poco::Timespan(5, 0));
    }
    socket_->setNoDelay(true);
}

SmppClient::~SmppClient()
{
    try {
        socket_->close();
    } catch (const Poco::Exception&) {
        // already closed by the server
    }
}

void SmppClient::send(const smpp::Pdu& pdu)
{
    sendRaw(smpp::encode(pdu));
}

std::uint32_t SmppClient::request(smpp::Body body)
{
    const auto seq = nextSequence();
    send(smpp::Pdu{.sequence_number = seq, .body = std::move(body)});
    return seq;
}

void SmppClient::sendRaw(const std::vector<std::uint8_t>& bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const int n =
            socket_->sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
        if (n <= 0) {
            throw std::runtime_error("send failed");
        }
        sent += static_cast<std::size_t>(n);
    }
}

bool SmppClient::fill(std::chrono::milliseconds timeout)
{
    if (closed_) {
        return false;
    }
    std::vector<std::uint8_t> buffer(65536);
    try {
        if (!socket_->poll(toTimespan(timeout), Poco::Net::Socket::SELECT_READ)) {
            if (socket_->available() <= 0) {
                return false;
            }
        }
        const int n = socket_->receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
        if (n <= 0) {
            closed_ = true;
            return false;
        }
        splitter_.feed(std::span(buffer.data(), static_cast<std::size_t>(n)));
        return true;
    } catch (const Poco::TimeoutException&) {
        return false;
    } catch (const Poco::Exception&) {
        closed_ = true; // connection reset
        return false;
    }
}

std::optional<smpp::Pdu> SmppClient::read(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (auto frame = splitter_.next()) {
            last_frame_ = *frame;
            return smpp::decode(*frame);
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0 || !fill(left)) {
            if (closed_ || Clock::now() >= deadline) {
                return std::nullopt;
            }
        }
    }
}

smpp::Pdu SmppClient::expect(std::chrono::milliseconds timeout)
{
    auto pdu = read(timeout);
    if (!pdu) {
        throw std::runtime_error(
            closed_ ? "connection closed by the server" : "no PDU within the timeout");
    }
    return *pdu;
}

bool SmppClient::waitClosed(std::chrono::milliseconds timeout, std::vector<smpp::Pdu>* drained)
{
    const auto deadline = Clock::now() + timeout;
    while (!closed_ && Clock::now() < deadline) {
        auto pdu =
            read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        if (pdu && drained != nullptr) {
            drained->push_back(*pdu);
        }
    }
    return closed_;
}

smpp::Pdu SmppClient::bind(smpp::CommandId type,
    const std::string& system_id,
    const std::string& password,
    std::uint8_t version)
{
    switch (type) {
    case smpp::CommandId::BindTransmitter:
        request(smpp::BindTransmitter{
            .system_id = system_id, .password = password, .interface_version = version});
        break;
    case smpp::CommandId::BindReceiver:
        request(smpp::BindReceiver{
            .system_id = system_id, .password = password, .interface_version = version});
        break;
    default:
        request(smpp::BindTransceiver{
            .system_id = system_id, .password = password, .interface_version = version});
        break;
    }
    return expect();
}

smpp::SubmitSm makeSubmit(
    const std::string& to, const std::string& text, std::uint8_t registered_delivery)
{
    return smpp::SubmitSm{.source_addr_ton = 1,
        .source_addr_npi = 1,
        .source_addr = "336000001",
        .dest_addr_ton = 1,
        .dest_addr_npi = 1,
        .destination_addr = to,
        .registered_delivery = registered_delivery,
        .short_message = text};
}

std::vector<std::uint8_t> rawHeader(
    std::uint32_t length, std::uint32_t id, std::uint32_t status, std::uint32_t seq)
{
    std::vector<std::uint8_t> out;
    for (const auto v : {length, id, status, seq}) {
        out.push_back(static_cast<std::uint8_t>(v >> 24));
        out.push_back(static_cast<std::uint8_t>(v >> 16));
        out.push_back(static_cast<std::uint8_t>(v >> 8));
        out.push_back(static_cast<std::uint8_t>(v));
    }
    return out;
}

} // namespace smppd::itest
