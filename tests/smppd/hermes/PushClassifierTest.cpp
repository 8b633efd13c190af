#include "smppd/hermes/PushClassifier.h"

#include <catch2/catch.hpp>

using Kind = smppd::ForwardOutcome::Kind;

TEST_CASE("2xx is delivered", "[hermes]")
{
    const int status = GENERATE(200, 201, 202, 204, 299);
    const auto outcome = smppd::classifyAttempt({status, ""});
    REQUIRE(outcome.kind == Kind::Delivered);
    REQUIRE(outcome.state == smpp::MessageState::Delivered);
    REQUIRE(outcome.error_code == status);
}

TEST_CASE("408, 429, 5xx and no answer are retried", "[hermes]")
{
    const int status = GENERATE(0, 408, 429, 500, 502, 503, 504, 599);
    const auto outcome = smppd::classifyAttempt({status, status == 0 ? "timeout" : ""});
    REQUIRE(outcome.kind == Kind::Retry);
    REQUIRE(outcome.error_code == status);
}

TEST_CASE("other statuses are rejected for good with err = HTTP status", "[hermes]")
{
    const int status = GENERATE(400, 401, 403, 404, 409, 410, 422, 499, 301, 302, 100);
    const auto outcome = smppd::classifyAttempt({status, ""});
    REQUIRE(outcome.kind == Kind::Failed);
    REQUIRE(outcome.state == smpp::MessageState::Rejected);
    REQUIRE(outcome.error_code == status);
}
