#include "common/logging/Fields.h"

#include <catch2/catch.hpp>

TEST_CASE("quoted() keeps simple values bare and quotes the rest", "[logging]")
{
    CHECK(logging::quoted("1042") == "1042");
    CHECK(logging::quoted("esme-1.x") == "esme-1.x");
    CHECK(logging::quoted("hello world") == "\"hello world\"");
    CHECK(logging::quoted("") == "\"\"");
    CHECK(logging::quoted("a=b") == "\"a=b\"");
    CHECK(logging::quoted("say \"hi\"") == "\"say \\\"hi\\\"\"");
    CHECK(logging::quoted("back\\slash") == "\"back\\\\slash\"");
    CHECK(logging::quoted("two\nlines\t\x01") == "\"two\\nlines\\t\\x01\"");
    CHECK(logging::quoted("Votre RDV est confirmé") == "\"Votre RDV est confirmé\"");
    CHECK(logging::quoted("confirmé") == "confirmé");
}
