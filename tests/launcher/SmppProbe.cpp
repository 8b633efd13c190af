#include "SmppProbe.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

#include <cstring>
#include <string>

namespace launcher_test {

namespace {

constexpr std::uint32_t kBindTransceiver = 0x00000009;
constexpr std::uint32_t kBindTransceiverResp = 0x80000009;
constexpr std::uint32_t kUnbind = 0x00000006;
constexpr std::uint32_t kUnbindResp = 0x80000006;
constexpr std::uint32_t kEnquireLink = 0x00000015;
constexpr std::uint32_t kEnquireLinkResp = 0x80000015;

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

std::uint32_t getU32(const std::uint8_t* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8)
        | std::uint32_t{p[3]};
}

void putCString(std::vector<std::uint8_t>& out, const char* s)
{
    out.insert(out.end(), s, s + std::strlen(s) + 1);
}

Poco::Timespan toTimespan(std::chrono::milliseconds ms)
{
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

} // namespace

bool SmppProbe::bind(std::uint16_t port,
    const char* system_id,
    const char* password,
    std::chrono::milliseconds timeout)
{
    try {
        socket_.connect(Poco::Net::SocketAddress("127.0.0.1", port), toTimespan(timeout));
        connected_ = true;
        std::vector<std::uint8_t> body;
        putCString(body, system_id);
        putCString(body, password);
        putCString(body, ""); // system_type
        body.push_back(0x34); // interface_version
        body.push_back(0); // addr_ton
        body.push_back(0); // addr_npi
        putCString(body, ""); // address_range
        const auto sequence = next_sequence_++;
        send(kBindTransceiver, sequence, body);
        Pdu resp;
        return receive(resp, timeout) && resp.command_id == kBindTransceiverResp
            && resp.command_status == 0 && resp.sequence_number == sequence;
    } catch (const Poco::Exception&) {
        return false;
    }
}

bool SmppProbe::awaitServerUnbind(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
        while (std::chrono::steady_clock::now() < deadline) {
            Pdu pdu;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (!receive(pdu, left)) {
                return false;
            }
            if (pdu.command_id == kEnquireLink) {
                send(kEnquireLinkResp, pdu.sequence_number, {});
            } else if (pdu.command_id == kUnbind) {
                send(kUnbindResp, pdu.sequence_number, {});
                return true;
            }
        }
    } catch (const Poco::Exception&) {
        return false;
    }
    return false;
}

void SmppProbe::close()
{
    if (!connected_) {
        return;
    }
    try {
        send(kUnbind, next_sequence_++, {});
        socket_.close();
    } catch (const Poco::Exception&) {
        // the server may already be gone: nothing to clean up
    }
    connected_ = false;
}

void SmppProbe::send(
    std::uint32_t command_id, std::uint32_t sequence_number, const std::vector<std::uint8_t>& body)
{
    std::vector<std::uint8_t> frame;
    putU32(frame, static_cast<std::uint32_t>(16 + body.size()));
    putU32(frame, command_id);
    putU32(frame, 0);
    putU32(frame, sequence_number);
    frame.insert(frame.end(), body.begin(), body.end());
    socket_.sendBytes(frame.data(), static_cast<int>(frame.size()));
}

bool SmppProbe::readExactly(std::uint8_t* data, std::size_t size)
{
    std::size_t got = 0;
    while (got < size) {
        const int n = socket_.receiveBytes(data + got, static_cast<int>(size - got));
        if (n <= 0) {
            return false;
        }
        got += static_cast<std::size_t>(n);
    }
    return true;
}

bool SmppProbe::receive(Pdu& pdu, std::chrono::milliseconds timeout)
{
    if (timeout.count() <= 0) {
        return false;
    }
    socket_.setReceiveTimeout(toTimespan(timeout));
    try {
        std::uint8_t header[16];
        if (!readExactly(header, sizeof header)) {
            return false;
        }
        const auto length = getU32(header);
        pdu.command_id = getU32(header + 4);
        pdu.command_status = getU32(header + 8);
        pdu.sequence_number = getU32(header + 12);
        if (length < 16 || length > 65536) {
            return false;
        }
        std::vector<std::uint8_t> body(length - 16);
        return body.empty() || readExactly(body.data(), body.size());
    } catch (const Poco::TimeoutException&) {
        return false;
    }
}

} // namespace launcher_test
