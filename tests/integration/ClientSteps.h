#pragma once

#include "tests/integration/SmppClient.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <variant>

/// Steps of an SMPP client that several integration tests take.
namespace smppd::itest {

/// Reads PDUs until one with `id` arrives (answering nothing); throws after the timeout.
inline smpp::Pdu expectId(
    SmppClient& c, smpp::CommandId id, std::chrono::milliseconds timeout = std::chrono::seconds(5))
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto pdu = c.read(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
        if (pdu && smpp::commandId(*pdu) == id) {
            return *pdu;
        }
    }
    throw std::runtime_error("expected PDU did not arrive");
}

/// Submits and requires an OK submit_sm_resp; returns its message_id.
inline std::string submitOk(SmppClient& c, const smpp::SubmitSm& submit)
{
    const auto seq = c.request(submit);
    const auto r = expectId(c, smpp::CommandId::SubmitSmResp);
    REQUIRE(r.sequence_number == seq);
    REQUIRE(r.command_status == smpp::CommandStatus::Ok);
    return std::get<smpp::SubmitSmResp>(r.body).message_id;
}

/// Answers a deliver_sm with `status`.
inline void answer(
    SmppClient& c, const smpp::Pdu& deliver, smpp::CommandStatus status = smpp::CommandStatus::Ok)
{
    c.send(smpp::Pdu{.command_status = status,
        .sequence_number = deliver.sequence_number,
        .body = smpp::DeliverSmResp{}});
}

} // namespace smppd::itest
