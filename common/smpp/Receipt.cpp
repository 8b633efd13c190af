#include "common/smpp/Receipt.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace smpp {

namespace {

constexpr std::array<std::string_view, 10> kStatNames{"SCHEDUL",
    "ENROUTE",
    "DELIVRD",
    "EXPIRED",
    "DELETED",
    "UNDELIV",
    "ACCEPTD",
    "UNKNOWN",
    "REJECTD",
    "SKIPPED"};

constexpr std::size_t kMaxText = 20;

std::string padded3(unsigned value)
{
    std::string digits = std::to_string(value);
    if (digits.size() < 3) {
        digits.insert(0, 3 - digits.size(), '0');
    }
    return digits;
}

bool allDigits(std::string_view text) noexcept
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return out;
}

/// Labelled values of one receipt text, found case-insensitively, each label at the start or
/// after a space. Searches stop at the text: label, whose value runs to the end.
class ReceiptFields {
public:
    explicit ReceiptFields(std::string_view text) : text_(text), lower_(lowered(text))
    {
        text_pos_ = find("text:", lower_.size());
    }

    /// The value after label up to the next space; nullopt if the label is absent.
    std::optional<std::string_view> value(std::string_view label) const
    {
        const std::size_t pos = find(label, text_pos_);
        if (pos == std::string::npos) {
            return std::nullopt;
        }
        const std::size_t start = pos + label.size();
        const std::size_t end = std::min(text_.find(' ', start), text_.size());
        return text_.substr(start, end - start);
    }

    /// Everything after text:, or "" without it.
    std::string_view rest() const
    {
        return text_pos_ == std::string::npos ? std::string_view{} : text_.substr(text_pos_ + 5);
    }

private:
    std::size_t find(std::string_view label, std::size_t limit) const
    {
        for (std::size_t pos = lower_.find(label); pos != std::string::npos && pos < limit;
             pos = lower_.find(label, pos + 1)) {
            if (pos == 0 || lower_[pos - 1] == ' ') {
                return pos;
            }
        }
        return std::string::npos;
    }

    std::string_view text_;
    std::string lower_;
    std::size_t text_pos_ = std::string::npos;
};

bool parseCount(std::optional<std::string_view> text, unsigned& out)
{
    if (!text) {
        return true;
    }
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
    return ec == std::errc{} && end == text->data() + text->size();
}

bool parseDate(std::optional<std::string_view> text, std::string& out)
{
    if (!text || text->empty()) {
        return true; // absent, or an empty value as formatReceipt writes for an unset date
    }
    const std::size_t n = text->size();
    if ((n != 10 && n != 12 && n != 14) || !allDigits(*text)) {
        return false;
    }
    out = std::string(*text);
    return true;
}

} // namespace

std::string_view statName(MessageState state) noexcept
{
    const auto index = static_cast<std::size_t>(state);
    return index < kStatNames.size() ? kStatNames[index] : std::string_view{"UNKNOWN"};
}

std::optional<MessageState> parseStat(std::string_view text) noexcept
{
    for (std::size_t i = 0; i < kStatNames.size(); ++i) {
        const auto name = kStatNames[i];
        const bool same = name.size() == text.size()
            && std::equal(name.begin(), name.end(), text.begin(), [](char a, char b) {
                   return a == std::toupper(static_cast<unsigned char>(b));
               });
        if (same) {
            return static_cast<MessageState>(i);
        }
    }
    return std::nullopt;
}

bool isFinal(MessageState state) noexcept
{
    return state != MessageState::Scheduled && state != MessageState::Enroute;
}

std::string formatReceipt(const DeliveryReceipt& receipt)
{
    std::string err = receipt.err;
    if (err.size() < 3 && allDigits(err)) {
        err.insert(0, 3 - err.size(), '0');
    }
    std::string out;
    out.reserve(128);
    out.append("id:").append(receipt.id);
    out.append(" sub:").append(padded3(receipt.sub));
    out.append(" dlvrd:").append(padded3(receipt.dlvrd));
    out.append(" submit date:").append(receipt.submit_date);
    out.append(" done date:").append(receipt.done_date);
    out.append(" stat:").append(statName(receipt.stat));
    out.append(" err:").append(err);
    out.append(" text:").append(receipt.text.substr(0, kMaxText));
    return out;
}

std::optional<DeliveryReceipt> parseReceipt(std::string_view text)
{
    const ReceiptFields fields(text);
    const auto id = fields.value("id:");
    const auto stat = fields.value("stat:");
    if (!id || id->empty() || !stat) {
        return std::nullopt;
    }
    DeliveryReceipt receipt{.id = std::string(*id), .dlvrd = 0, .err = "000"};
    const auto state = parseStat(*stat);
    const auto err = fields.value("err:");
    if (!state || (err && err->size() > 3)) {
        return std::nullopt;
    }
    receipt.stat = *state;
    if (err) {
        receipt.err = std::string(*err);
    }
    if (!parseCount(fields.value("sub:"), receipt.sub)
        || !parseCount(fields.value("dlvrd:"), receipt.dlvrd)
        || !parseDate(fields.value("submit date:"), receipt.submit_date)
        || !parseDate(fields.value("done date:"), receipt.done_date)) {
        return std::nullopt;
    }
    receipt.text = std::string(fields.rest());
    return receipt;
}

} // namespace smpp
