#include "common/logging/Events.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string readme()
{
    std::ifstream in(std::string(SMPPD_SOURCE_DIR) + "/README.md");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("every event has one snake_case name, a level, and a meaning", "[logging][events]")
{
    std::set<std::string> names;
    const std::regex snake("[a-z][a-z0-9_]*");
    const std::set<std::string> levels{
        "fatal", "critical", "error", "warning", "notice", "info", "debug", "trace"};
    for (const auto& e : logging::allEvents()) {
        CAPTURE(e.name);
        CHECK(names.insert(std::string(e.name)).second);
        CHECK(std::regex_match(std::string(e.name), snake));
        CHECK(levels.contains(std::string(e.level)));
        CHECK(!e.meaning.empty());
        CHECK(&logging::eventNamed(e.name) == &e);
    }
    CHECK_THROWS_AS(logging::eventNamed("no_such_event"), std::out_of_range);
}

TEST_CASE("each step of a message's life is an info event keyed by message_id", "[logging][events]")
{
    for (const auto* e : {&logging::ev::submit_accepted,
             &logging::ev::bridge_accepted,
             &logging::ev::hermes_push,
             &logging::ev::receipt_queued,
             &logging::ev::deliver_sm_sent,
             &logging::ev::deliver_sm_answered,
             &logging::ev::delivery_retry,
             &logging::ev::message_expired,
             &logging::ev::message_cancelled,
             &logging::ev::message_replaced}) {
        CAPTURE(e->name);
        CHECK(e->level == "info");
        CHECK(e->keys.find("message_id") != std::string_view::npos);
    }
    CHECK(logging::ev::purge_done.level == "info");
}

TEST_CASE("the README's event table is the vocabulary's", "[logging][events]")
{
    const std::string text = readme();
    const std::string begin = "<!-- events:begin (made by smppd --list-events) -->\n";
    const std::string end = "<!-- events:end -->";
    const auto from = text.find(begin);
    const auto to = text.find(end);
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    const std::string table = text.substr(from + begin.size(), to - from - begin.size());
    // On a mismatch: smppd --list-events, and paste its output between the markers.
    CHECK(table == logging::eventTable());
}
