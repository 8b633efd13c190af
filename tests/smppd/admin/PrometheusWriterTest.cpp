#include "smppd/admin/PrometheusWriter.h"

#include <catch2/catch.hpp>

#include <limits>

TEST_CASE("prometheus writer formats families and samples", "[admin]")
{
    smppd::PrometheusWriter out;
    out.family("x_total", "Things.", "counter");
    out.sample("x_total", {{"a", "1"}, {"b", "q\"\\\nz"}}, std::uint64_t{7});
    out.sample("x_total", {}, 0.25);
    REQUIRE(out.text()
        == "# HELP x_total Things.\n"
           "# TYPE x_total counter\n"
           "x_total{a=\"1\",b=\"q\\\"\\\\\\nz\"} 7\n"
           "x_total 0.25\n");
}

TEST_CASE("prometheus values use the exposition spelling", "[admin]")
{
    using smppd::PrometheusWriter;
    REQUIRE(PrometheusWriter::formatValue(3.0) == "3");
    REQUIRE(PrometheusWriter::formatValue(0.005) == "0.005");
    REQUIRE(PrometheusWriter::formatValue(std::numeric_limits<double>::infinity()) == "+Inf");
    REQUIRE(PrometheusWriter::formatValue(std::numeric_limits<double>::quiet_NaN()) == "NaN");
}
