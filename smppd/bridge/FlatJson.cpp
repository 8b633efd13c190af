#include "smppd/bridge/FlatJson.h"

#include "common/text/Utf8.h"

#include <algorithm>

namespace smppd {
namespace {

/// A cursor over the text; every read is bounds-checked.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) { }

    void skipSpace()
    {
        while (pos_ < text_.size()
            && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n'
                || text_[pos_] == '\r')) {
            ++pos_;
        }
    }

    bool atEnd() const { return pos_ >= text_.size(); }

    bool take(char c)
    {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    bool takeWord(std::string_view word)
    {
        if (text_.substr(pos_, word.size()) == word) {
            pos_ += word.size();
            return true;
        }
        return false;
    }

    /// After the opening quote: a key without escapes or control characters.
    std::optional<std::string> plainKey()
    {
        const auto end = text_.find('"', pos_);
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view key = text_.substr(pos_, end - pos_);
        if (std::any_of(key.begin(), key.end(), [](char c) {
                return c == '\\' || static_cast<unsigned char>(c) < 0x20
                    || static_cast<unsigned char>(c) >= 0x80;
            })) {
            return std::nullopt;
        }
        pos_ = end + 1;
        return std::string(key);
    }

    /// After the opening quote: the decoded string up to the closing quote.
    std::optional<std::string> string()
    {
        std::string out;
        while (pos_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (c < 0x20) {
                return std::nullopt;
            }
            if (c == '\\') {
                if (!escape(out)) {
                    return std::nullopt;
                }
            } else if (c < 0x80) {
                plainRun(out);
            } else if (!utf8(out)) {
                return std::nullopt;
            }
        }
        return std::nullopt; // no closing quote
    }

private:
    /// Copies the printable ASCII from pos_ up to the next quote, backslash or other byte.
    void plainRun(std::string& out)
    {
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                break;
            }
            ++pos_;
        }
        out.append(text_.substr(start, pos_ - start));
    }

    bool escape(std::string& out)
    {
        ++pos_; // the backslash
        if (pos_ >= text_.size()) {
            return false;
        }
        const char e = text_[pos_++];
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out += e;
            return true;
        case 'b':
            out += '\b';
            return true;
        case 'f':
            out += '\f';
            return true;
        case 'n':
            out += '\n';
            return true;
        case 'r':
            out += '\r';
            return true;
        case 't':
            out += '\t';
            return true;
        case 'u':
            return unicodeEscape(out);
        default:
            return false;
        }
    }

    /// After "\u": four hex digits, a surrogate pair as one code point; U+0000 and lone
    /// surrogates are left to the general parser.
    bool unicodeEscape(std::string& out)
    {
        auto cp = hex4();
        if (!cp || *cp == 0 || (*cp >= 0xDC00 && *cp <= 0xDFFF)) {
            return false;
        }
        if (*cp >= 0xD800 && *cp <= 0xDBFF) {
            if (!takeWord("\\u")) {
                return false;
            }
            const auto low = hex4();
            if (!low || *low < 0xDC00 || *low > 0xDFFF) {
                return false;
            }
            cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        }
        smpp::text::appendUtf8(out, *cp);
        return true;
    }

    std::optional<char32_t> hex4()
    {
        if (pos_ + 4 > text_.size()) {
            return std::nullopt;
        }
        char32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = text_[pos_++];
            value <<= 4;
            if (h >= '0' && h <= '9') {
                value |= static_cast<char32_t>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                value |= static_cast<char32_t>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                value |= static_cast<char32_t>(h - 'A' + 10);
            } else {
                return std::nullopt;
            }
        }
        return value;
    }

    /// One multi-byte UTF-8 sequence, copied when well-formed.
    bool utf8(std::string& out)
    {
        const std::size_t start = pos_;
        const char32_t cp = smpp::text::nextCodePoint(text_, pos_);
        const std::string_view bytes = text_.substr(start, pos_ - start);
        if (cp == smpp::text::kReplacementChar && bytes != "\xEF\xBF\xBD") {
            return false; // malformed: the general parser decides what that is
        }
        out += bytes;
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace

const std::optional<std::string>* FlatJsonObject::find(std::string_view name) const
{
    for (const auto& [key, value] : fields) {
        if (key == name) {
            return &value;
        }
    }
    return nullptr;
}

std::optional<FlatJsonObject> parseFlatJsonObject(std::string_view text)
{
    Reader in(text);
    FlatJsonObject object;
    in.skipSpace();
    if (!in.take('{')) {
        return std::nullopt;
    }
    in.skipSpace();
    if (!in.take('}')) {
        do {
            in.skipSpace();
            if (!in.take('"')) {
                return std::nullopt;
            }
            auto key = in.plainKey();
            if (!key || object.find(*key)) {
                return std::nullopt;
            }
            in.skipSpace();
            if (!in.take(':')) {
                return std::nullopt;
            }
            in.skipSpace();
            std::optional<std::string> value;
            if (in.take('"')) {
                value = in.string();
                if (!value) {
                    return std::nullopt;
                }
            } else if (!in.takeWord("null")) {
                return std::nullopt; // a number, true/false, an array or an object
            }
            object.fields.emplace_back(std::move(*key), std::move(value));
            in.skipSpace();
        } while (in.take(','));
        if (!in.take('}')) {
            return std::nullopt;
        }
    }
    in.skipSpace();
    if (!in.atEnd()) {
        return std::nullopt;
    }
    return object;
}

} // namespace smppd
