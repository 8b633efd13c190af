#include "tests/bench/PduTemplates.h"

#include "common/smpp/Codec.h"
#include "common/smpp/Pdu.h"

#include <string>

namespace bench {
namespace {

/// A GSM 7-bit text (unpacked: one septet per octet) of the requested size.
std::string payload(unsigned size)
{
    static constexpr char kAlphabet[] = "The quick brown fox jumps over the lazy dog 0123456789 ";
    std::string text;
    text.reserve(size);
    for (unsigned i = 0; i < size; ++i) {
        text.push_back(kAlphabet[i % (sizeof(kAlphabet) - 1)]);
    }
    return text;
}

} // namespace

PduTemplates PduTemplates::make(const BenchOptions& options)
{
    PduTemplates t;
    t.bind = smpp::encode(smpp::Pdu{.sequence_number = 1,
        .body = smpp::BindTransceiver{.system_id = options.system_id,
            .password = options.password,
            .system_type = "bench",
            .interface_version = 0x34}});
    smpp::SubmitSm submit;
    submit.source_addr_ton = 1;
    submit.source_addr_npi = 1;
    submit.source_addr = options.source_addr;
    submit.dest_addr_ton = 1;
    submit.dest_addr_npi = 1;
    submit.destination_addr = options.destination_addr;
    submit.registered_delivery = options.receipts ? 1 : 0;
    submit.data_coding = 0;
    submit.short_message = payload(options.size);
    t.submit = smpp::encode(smpp::Pdu{.sequence_number = 1, .body = submit});
    t.deliver_resp = smpp::encode(smpp::Pdu{.sequence_number = 1, .body = smpp::DeliverSmResp{}});
    t.enquire_link_resp =
        smpp::encode(smpp::Pdu{.sequence_number = 1, .body = smpp::EnquireLinkResp{}});
    t.unbind = smpp::encode(smpp::Pdu{.sequence_number = 1, .body = smpp::Unbind{}});
    t.unbind_resp = smpp::encode(smpp::Pdu{.sequence_number = 1, .body = smpp::UnbindResp{}});
    return t;
}

void PduTemplates::append(
    std::vector<std::uint8_t>& out, const std::vector<std::uint8_t>& tmpl, std::uint32_t seq)
{
    const std::size_t at = out.size();
    out.insert(out.end(), tmpl.begin(), tmpl.end());
    // SMPP 3.4 §3.2: sequence_number is octets 12-15 of the header, big-endian
    out[at + 12] = static_cast<std::uint8_t>(seq >> 24);
    out[at + 13] = static_cast<std::uint8_t>(seq >> 16);
    out[at + 14] = static_cast<std::uint8_t>(seq >> 8);
    out[at + 15] = static_cast<std::uint8_t>(seq);
}

} // namespace bench
