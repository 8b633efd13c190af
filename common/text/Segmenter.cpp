#include "common/text/Segmenter.h"

#include "common/text/Gsm7.h"
#include "common/text/TextError.h"

#include <algorithm>
#include <cstddef>
#include <string>

namespace smpp::text {

namespace {

/// Sizes in units of the alphabet (septets, UTF-16 code units or octets).
struct Limits {
    std::size_t unit_octets = 1;
    std::size_t single = 140;
    std::size_t part = 134;
};

Limits limitsFor(Alphabet alphabet, ConcatRef ref_size)
{
    const std::size_t ref_cost = ref_size == ConcatRef::Bits16 ? 1 : 0;
    switch (alphabet) {
    case Alphabet::Gsm7:
        return Limits{1, 160, 153 - ref_cost};
    case Alphabet::Ucs2:
        return Limits{2, 70, 67 - ref_cost};
    default:
        return Limits{1, 140, 134 - ref_cost};
    }
}

bool isHighSurrogateAt(const std::vector<std::uint8_t>& o, std::size_t octet) noexcept
{
    return octet + 1 < o.size() && o[octet] >= 0xD8 && o[octet] <= 0xDB;
}

bool isLowSurrogateAt(const std::vector<std::uint8_t>& o, std::size_t octet) noexcept
{
    return octet + 1 < o.size() && o[octet] >= 0xDC && o[octet] <= 0xDF;
}

/// Units taken by the character starting at `octet`: 2 for an ESC pair or a surrogate pair,
/// which must stay together, else 1.
std::size_t itemUnits(const std::vector<std::uint8_t>& o, Alphabet alphabet, std::size_t octet)
{
    if (alphabet == Alphabet::Gsm7) {
        return (o[octet] == kGsmEscape && octet + 1 < o.size()) ? 2 : 1;
    }
    if (alphabet == Alphabet::Ucs2) {
        return (isHighSurrogateAt(o, octet) && isLowSurrogateAt(o, octet + 2)) ? 2 : 1;
    }
    return 1;
}

/// Octet offsets where each part ends (the last one is octets.size()).
std::vector<std::size_t> partEnds(const EncodedText& text, const SplitOptions& options)
{
    const Alphabet alphabet = alphabetOf(text.data_coding);
    const Limits limits = limitsFor(alphabet, options.ref_size);
    const std::vector<std::uint8_t>& o = text.octets;
    if (o.size() <= limits.single * limits.unit_octets) {
        return {o.size()};
    }
    std::vector<std::size_t> ends;
    std::size_t pos = 0;
    while (pos < o.size()) {
        std::size_t units = 0;
        while (pos < o.size()) {
            const std::size_t item = itemUnits(o, alphabet, pos);
            if (units + item > limits.part) {
                break;
            }
            units += item;
            pos += item * limits.unit_octets;
        }
        pos = std::min(pos, o.size()); // a trailing odd UCS-2 octet joins the last part
        ends.push_back(pos);
    }
    return ends;
}

Segment makePart(
    const EncodedText& text, std::size_t begin, std::size_t end, const ConcatInfo& info)
{
    Segment seg;
    seg.short_message = buildConcatUdh(info);
    const auto first = text.octets.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto last = text.octets.begin() + static_cast<std::ptrdiff_t>(end);
    seg.short_message.insert(seg.short_message.end(), first, last);
    seg.data_coding = text.data_coding;
    seg.udhi = true;
    seg.seq = info.seq;
    seg.total = info.total;
    return seg;
}

} // namespace

std::vector<Segment> splitEncoded(
    const EncodedText& text, std::uint16_t reference, const SplitOptions& options)
{
    const std::vector<std::size_t> ends = partEnds(text, options);
    if (ends.size() == 1) {
        return {Segment{text.octets, text.data_coding, false, 1, 1}};
    }
    if (ends.size() > kMaxParts) {
        throw TooManyPartsError("text needs " + std::to_string(ends.size())
            + " parts, more than the 255 a UDH can number");
    }
    std::vector<Segment> parts;
    parts.reserve(ends.size());
    std::size_t begin = 0;
    for (std::size_t i = 0; i < ends.size(); ++i) {
        const ConcatInfo info{reference,
            static_cast<std::uint8_t>(ends.size()),
            static_cast<std::uint8_t>(i + 1),
            options.ref_size};
        parts.push_back(makePart(text, begin, ends[i], info));
        begin = ends[i];
    }
    return parts;
}

std::vector<Segment> split(
    std::string_view utf8, std::uint16_t reference, const SplitOptions& options)
{
    return splitEncoded(encodeBest(utf8), reference, options);
}

std::size_t countPartsEncoded(const EncodedText& text, const SplitOptions& options)
{
    return partEnds(text, options).size();
}

std::size_t countParts(std::string_view utf8, const SplitOptions& options)
{
    return countPartsEncoded(encodeBest(utf8), options);
}

} // namespace smpp::text
