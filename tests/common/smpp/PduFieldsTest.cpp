#include "common/smpp/PduFields.h"

#include "common/smpp/Codec.h"
#include "common/smpp/PduTrace.h"
#include "tests/common/smpp/GoldenPdus.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// The field table (PduFields.h) against its two readers: the trace must name exactly the table's
// fields in table order, and the codec must put exactly those fields on the wire.

namespace {

using smpp::test::goldenPdus;

/// The keys of a trace line, in order. A value is bare, or double-quoted with \-escapes and
/// perhaps followed by `...`.
std::vector<std::string> traceKeys(std::string_view line)
{
    std::vector<std::string> keys;
    std::size_t pos = 0;
    while (pos < line.size()) {
        const std::size_t equals = line.find('=', pos);
        keys.emplace_back(line.substr(pos, equals - pos));
        pos = equals + 1;
        if (pos < line.size() && line[pos] == '"') {
            for (++pos; pos < line.size() && line[pos] != '"'; pos += line[pos] == '\\' ? 2 : 1) { }
        }
        pos = std::min(line.find(' ', pos), line.size()) + 1;
    }
    return keys;
}

/// The trace keys the table gives body b (its TLVs excepted), in table order.
template <typename B>
std::vector<std::string> tableKeys(const B& b)
{
    std::vector<std::string> keys;
    smpp::forEachField<B>([&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (requires { f.count_name; }) {
            keys.emplace_back(f.count_name);
        }
        if constexpr (requires { f.length_name; }) {
            keys.emplace_back(f.length_name);
        }
        if constexpr (std::is_same_v<F, smpp::field::ScInterfaceVersion<B>>) {
            if (b.*f.member) {
                keys.emplace_back(f.name); // an absent TLV is not traced
            }
        } else if constexpr (requires { f.name; }) {
            keys.emplace_back(f.name);
        }
    });
    return keys;
}

std::size_t entrySize(const smpp::DestAddress& d)
{
    const std::size_t ton_npi = d.dest_flag == smpp::DestAddress::kSme ? 2 : 0;
    return 1 + ton_npi + d.destination_addr.size() + 1;
}

std::size_t entrySize(const smpp::UnsuccessSme& sme)
{
    return 2 + sme.destination_addr.size() + 1 + 4;
}

/// The body size the table gives body b when its TLVs are empty.
template <typename B>
std::size_t tableBodySize(const B& b)
{
    std::size_t size = 0;
    smpp::forEachField<B>([&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, smpp::field::Octet<B>>) {
            size += 1;
        } else if constexpr (std::is_same_v<F, smpp::field::ScInterfaceVersion<B>>) {
            size += (b.*f.member) ? 5 : 0; // tag, length, one octet
        } else if constexpr (requires { f.count_name; }) {
            size += 1;
            for (const auto& entry : b.*f.member) {
                size += entrySize(entry);
            }
        } else if constexpr (!std::is_same_v<F, smpp::field::TlvSet<B>>) {
            size += (b.*f.member).size() + 1; // C-string and NUL, or sm_length and octets
        }
    });
    return size;
}

/// The body size the table gives pdu when its TLVs are empty; 0 for an error response whose
/// default body is left out (3.4 §4.4.2).
std::size_t expectedBodySize(const smpp::Pdu& pdu)
{
    return std::visit(
        [&](const auto& body) -> std::size_t {
            using T = std::decay_t<decltype(body)>;
            if constexpr (smpp::isResponse(T::kId)) {
                if (pdu.command_status != smpp::CommandStatus::Ok && body == T{}) {
                    return 0;
                }
            }
            return tableBodySize(body);
        },
        pdu.body);
}

/// Every golden PDU with its TLVs removed (a body's TLVs come after its mandatory fields).
std::vector<smpp::Pdu> goldensWithoutTlvs()
{
    std::vector<smpp::Pdu> pdus;
    for (const auto& golden : goldenPdus()) {
        smpp::Pdu pdu = golden.pdu;
        std::visit(
            [](auto& body) {
                if constexpr (requires { body.tlvs; }) {
                    body.tlvs = {};
                }
            },
            pdu.body);
        pdus.push_back(std::move(pdu));
    }
    return pdus;
}

/// A Tlvs with every known TLV set to a value its length rules accept.
smpp::Tlvs everyTlv()
{
    smpp::Tlvs tlvs;
    for (const smpp::TlvField& field : smpp::kTlvFields) {
        std::visit(
            [&](auto member) {
                using V = std::decay_t<decltype(tlvs.*member)>;
                if constexpr (std::is_same_v<V, bool>) {
                    tlvs.*member = true;
                } else if constexpr (std::is_same_v<V, std::optional<std::string>>) {
                    tlvs.*member = std::string(std::max<std::size_t>(field.min_length, 1), 'a');
                } else if constexpr (std::is_same_v<V, std::optional<smpp::NetworkErrorCode>>) {
                    tlvs.*member = smpp::NetworkErrorCode{3, 1};
                } else {
                    tlvs.*member = 1; // SAR: total 1, seqnum 1 is a valid set
                }
            },
            field.member);
    }
    return tlvs;
}

} // namespace

TEST_CASE("the goldens cover every PDU type", "[fields]")
{
    std::set<std::size_t> types;
    for (const auto& golden : goldenPdus()) {
        types.insert(golden.pdu.body.index());
    }
    REQUIRE(types.size() == std::variant_size_v<smpp::Body>);
}

TEST_CASE("the trace names exactly the table's fields of every PDU, in order", "[fields]")
{
    for (const smpp::Pdu& pdu : goldensWithoutTlvs()) {
        INFO(smpp::name(smpp::commandId(pdu)));
        std::vector<std::string> expected{"dir", "cmd", "seq", "status"};
        std::visit(
            [&](const auto& body) {
                const auto keys = tableKeys(body);
                expected.insert(expected.end(), keys.begin(), keys.end());
            },
            pdu.body);
        const std::string line = smpp::traceWire(smpp::encode(pdu), "in", false);
        INFO(line);
        CHECK(traceKeys(line) == expected);
    }
}

TEST_CASE("the codec writes exactly the table's fields of every PDU", "[fields]")
{
    for (const smpp::Pdu& pdu : goldensWithoutTlvs()) {
        INFO(smpp::name(smpp::commandId(pdu)));
        const auto bytes = smpp::encode(pdu);
        CHECK(bytes.size() == smpp::Header::kSize + expectedBodySize(pdu));
        CHECK(smpp::decode(bytes) == pdu);
    }
}

TEST_CASE("every TLV of the table round-trips and is traced by its name, in tag order", "[fields]")
{
    const smpp::Pdu pdu{.sequence_number = 1, .body = smpp::DataSm{.tlvs = everyTlv()}};
    const auto bytes = smpp::encode(pdu);
    REQUIRE(smpp::decode(bytes) == pdu);

    std::vector<std::string> expected{"dir", "cmd", "seq", "status"};
    const auto mandatory = tableKeys(std::get<smpp::DataSm>(pdu.body));
    expected.insert(expected.end(), mandatory.begin(), mandatory.end());
    for (const smpp::TlvField& field : smpp::kTlvFields) {
        if (field.display == smpp::Display::Message) {
            expected.push_back(std::string(field.name) + "_length");
        }
        expected.emplace_back(field.name);
    }
    CHECK(traceKeys(smpp::traceWire(bytes, "in", false)) == expected);
}
