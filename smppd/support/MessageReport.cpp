#include "smppd/support/MessageReport.h"

#include "smppd/support/IsoTime.h"

#include <fmt/format.h>

namespace smppd::support {

namespace {

std::string timeOrDash(const std::optional<TimePoint>& t)
{
    return t ? formatIso(*t) : std::string("-");
}

std::string textOrDash(const std::string& text)
{
    return text.empty() ? std::string("-") : text;
}

std::string address(const std::string& addr, std::uint8_t ton, std::uint8_t npi)
{
    return fmt::format("{} (ton={} npi={})", textOrDash(addr), ton, npi);
}

std::string parts(const Message& m)
{
    if (!m.concat) {
        return "single part";
    }
    return fmt::format(
        "part {} of {}, concat ref {}", m.concat->seq, m.concat->total, m.concat->ref);
}

void field(std::string& out, std::string_view name, const std::string& value)
{
    fmt::format_to(std::back_inserter(out), "  {:<13} {}\n", name, value);
}

void describeRoute(std::string& out, const Message& m)
{
    field(out,
        "state",
        fmt::format("{} ({})", smpp::statName(m.state), m.isFinal() ? "final" : "open"));
    field(out, "origin", textOrDash(m.origin));
    field(out, "target", targetName(m.target));
    field(out, "source", address(m.source_addr, m.source_addr_ton, m.source_addr_npi));
    field(out, "destination", address(m.destination_addr, m.dest_addr_ton, m.dest_addr_npi));
    field(out, "service_type", textOrDash(m.service_type));
}

void describeLife(std::string& out, const Message& m)
{
    field(out, "submitted", formatIso(m.submit_time));
    field(out, "scheduled", timeOrDash(m.schedule_time));
    field(out, "expires", timeOrDash(m.expiry_time));
    field(out, "done", timeOrDash(m.done_time));
    field(out, "attempts", std::to_string(m.attempts));
    field(out, "next attempt", timeOrDash(m.next_attempt_at));
    field(out, "error code", fmt::format("{} (0x{:x})", m.error_code, m.error_code));
    field(out,
        "receipt",
        fmt::format(
            "{} (registered_delivery=0x{:02x})", receiptName(m.receipt), m.registered_delivery));
}

void describeContent(std::string& out, const Message& m)
{
    field(out, "campaign", textOrDash(m.campaign));
    field(out, "bridge_ref", textOrDash(m.bridge_ref));
    field(out, "parts", parts(m));
    field(out,
        "content",
        fmt::format("{} octets, data_coding=0x{:02x} esm_class=0x{:02x}",
            m.payload.size(),
            m.data_coding,
            m.esm_class));
}

} // namespace

std::string targetName(const RouteTarget& target)
{
    switch (target.kind) {
    case TargetKind::Hermes:
        return "hermes";
    case TargetKind::Handset:
        return "handset";
    case TargetKind::Account:
        return "account " + target.account;
    case TargetKind::Unrouted:
        break;
    }
    return "unrouted";
}

std::string receiptName(ReceiptState receipt)
{
    switch (receipt) {
    case ReceiptState::Pending:
        return "pending";
    case ReceiptState::Sent:
        return "sent";
    case ReceiptState::Failed:
        return "failed";
    case ReceiptState::None:
        break;
    }
    return "none";
}

std::string describeMessage(const Message& message)
{
    std::string out;
    describeRoute(out, message);
    describeLife(out, message);
    describeContent(out, message);
    return out;
}

} // namespace smppd::support
