// libFuzzer harness for the SMPP codec (checklist §1 framing, §3/§5 decoding, §6 receipts).
// The input is a byte stream: it is fed to FrameSplitter in pseudo-random chunk sizes (derived
// from the input, so runs are reproducible), every frame is decoded, and every successful decode
// must survive decode(encode(x)) == x. Validation, SMPP time and receipt parsing run on the
// decoded fields. Any mismatch aborts.
#include "common/smpp/Codec.h"
#include "common/smpp/FrameSplitter.h"
#include "common/smpp/Receipt.h"
#include "common/smpp/SmppTime.h"
#include "common/smpp/Validation.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

namespace {

const smpp::TimePoint kNow{std::chrono::sys_days{std::chrono::year{2025} / 11 / 25}};

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

void exerciseReceipt(std::string_view text)
{
    if (const auto receipt = smpp::parseReceipt(text)) {
        // whatever was parsed formats and parses back to the same id and stat
        const auto again = smpp::parseReceipt(smpp::formatReceipt(*receipt));
        check(again.has_value() && again->id == receipt->id && again->stat == receipt->stat);
    }
}

/// Semantic checks must be total functions over any decoded body.
void exerciseValidation(const smpp::Pdu& pdu)
{
    const auto& body = pdu.body;
    if (const auto* sm = std::get_if<smpp::SubmitSm>(&body)) {
        smpp::validateSubmitSm(*sm, 0x34, kNow);
        smpp::validateSubmitSm(*sm, 0x50, kNow);
        smpp::parseSmppTime(sm->validity_period, kNow);
        exerciseReceipt(sm->short_message);
    } else if (const auto* dm = std::get_if<smpp::DeliverSm>(&body)) {
        exerciseReceipt(dm->short_message);
    } else if (const auto* data = std::get_if<smpp::DataSm>(&body)) {
        smpp::validateDataSm(*data, 0x34);
    } else if (const auto* multi = std::get_if<smpp::SubmitMulti>(&body)) {
        smpp::validateSubmitMulti(*multi, 0x34, kNow);
    } else if (const auto* replace = std::get_if<smpp::ReplaceSm>(&body)) {
        smpp::validateReplaceSm(*replace, 0x34, kNow);
    } else if (const auto* query = std::get_if<smpp::QuerySm>(&body)) {
        smpp::validateQuerySm(*query);
    } else if (const auto* cancel = std::get_if<smpp::CancelSm>(&body)) {
        smpp::validateCancelSm(*cancel);
    }
}

void exerciseFrame(std::span<const std::uint8_t> frame)
{
    const smpp::Header header = smpp::peekHeader(frame);
    check(header.command_length == frame.size());
    smpp::Pdu pdu;
    try {
        pdu = smpp::decode(frame);
    } catch (const smpp::DecodeError& e) {
        check(e.sequenceNumber() == header.sequence_number);
        return;
    }
    check(smpp::toWire(smpp::commandId(pdu)) == header.command_id);
    const auto encoded = smpp::encode(pdu);
    check(smpp::peekHeader(encoded).command_length == encoded.size());
    check(smpp::decode(encoded) == pdu);
    exerciseValidation(pdu);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    smpp::FrameSplitter splitter;
    std::uint32_t rng =
        static_cast<std::uint32_t>(size) * 2654435761U + (size > 0 ? input.back() : 0U);
    std::size_t pos = 0;
    try {
        while (pos < size) {
            rng = rng * 1103515245U + 12345U;
            const std::size_t chunk = std::min<std::size_t>(size - pos, 1 + (rng >> 16) % 97);
            splitter.feed(input.subspan(pos, chunk));
            pos += chunk;
            while (const auto frame = splitter.nextView()) {
                exerciseFrame(*frame);
            }
        }
    } catch (const smpp::FrameError&) {
        check(pos > 0);
    }
    exerciseReceipt(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
