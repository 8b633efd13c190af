#include "common/text/Escape.h"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using smpp::text::EscapeStyle;

namespace {

std::string escaped(std::string_view value, EscapeStyle style)
{
    std::string out;
    smpp::text::appendEscaped(out, value, style);
    return out;
}

std::string logValue(std::string_view value, EscapeStyle style)
{
    std::string out = "k=";
    smpp::text::appendLogValue(out, value, style);
    return out;
}

// Every kind of octet the styles tell apart: the short escapes, other C0 controls (NUL, 0x01,
// ESC, 0x1f), printable ASCII, DEL, and "é€" as UTF-8 (c3 a9 e2 82 ac).
const std::string kMixed = std::string("q\"b\\n\nr\rt\t") + std::string("\x00\x01\x1b\x1f", 4)
    + "a~\x7f\xc3\xa9\xe2\x82\xac";

} // namespace

TEST_CASE("appendEscaped writes each style's golden form", "[text][escape]")
{
    SECTION("Log: controls and DEL as \\xHH, UTF-8 kept")
    {
        CHECK(escaped(kMixed, EscapeStyle::Log)
            == "q\\\"b\\\\n\\nr\\rt\\t\\x00\\x01\\x1b\\x1fa~\\x7f\xc3\xa9\xe2\x82\xac");
    }
    SECTION("AsciiLog: controls, DEL and non-ASCII as \\xHH")
    {
        CHECK(escaped(kMixed, EscapeStyle::AsciiLog)
            == "q\\\"b\\\\n\\nr\\rt\\t\\x00\\x01\\x1b\\x1fa~\\x7f\\xc3\\xa9\\xe2\\x82\\xac");
    }
    SECTION("Json: controls and DEL as \\u00HH, UTF-8 kept raw")
    {
        CHECK(escaped(kMixed, EscapeStyle::Json)
            == "q\\\"b\\\\n\\nr\\rt\\t\\u0000\\u0001\\u001b\\u001fa~\\u007f\xc3\xa9\xe2\x82\xac");
    }
    SECTION("appends to what is there, adds no quotes")
    {
        std::string out = "x=";
        smpp::text::appendEscaped(out, "plain text", EscapeStyle::Json);
        smpp::text::appendEscaped(out, "", EscapeStyle::Log);
        CHECK(out == "x=plain text");
    }
}

TEST_CASE("appendLogValue keeps simple values bare and quotes the rest", "[text][escape]")
{
    const auto style = GENERATE(EscapeStyle::Log, EscapeStyle::AsciiLog);
    CHECK(logValue("esme-1.x", style) == "k=esme-1.x");
    CHECK(logValue("", style) == "k=\"\"");
    CHECK(logValue("a=b", style) == "k=\"a=b\"");
    CHECK(logValue("two words", style) == "k=\"two words\"");
    CHECK(logValue("say \"hi\"", style) == "k=\"say \\\"hi\\\"\"");
    CHECK(logValue("back\\slash", style) == "k=\"back\\\\slash\"");
    CHECK(logValue("tab\there", style) == "k=\"tab\\there\"");
    CHECK(logValue("del\x7f", style) == "k=\"del\\x7f\"");
}

TEST_CASE("appendLogValue quotes UTF-8 only where the style escapes it", "[text][escape]")
{
    CHECK(logValue("caf\xc3\xa9", EscapeStyle::Log) == "k=caf\xc3\xa9");
    CHECK(logValue("caf\xc3\xa9", EscapeStyle::AsciiLog) == "k=\"caf\\xc3\\xa9\"");
}
