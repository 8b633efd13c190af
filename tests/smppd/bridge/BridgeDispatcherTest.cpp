#include "smppd/bridge/BridgeDispatcher.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

/// Commits at once with ids 1, 2, ...
class ImmediateBackend : public smppd::BridgeBackend {
public:
    std::vector<smppd::BridgeSend> sends;
    void submit(const smppd::BridgeSend& send, Done done) override
    {
        sends.push_back(send);
        done({true, std::to_string(sends.size()), {}});
    }
};

const auto kNow = smppd::BridgeAuth::TimePoint{} + std::chrono::hours(1);

struct Fixture {
    explicit Fixture(std::string token = "t") : auth(std::move(token)) { }
    ImmediateBackend backend;
    smppd::BridgeAuth auth;
    std::shared_ptr<smppd::ReplyQueue> replies = std::make_shared<smppd::ReplyQueue>();
    smppd::BridgeDispatcher dispatcher{backend, auth, replies, "192.0.2.7:4000", "192.0.2.7"};
};

} // namespace

TEST_CASE("dispatcher: lines fed one byte at a time give the same replies", "[bridge]")
{
    Fixture f;
    const std::string input = R"({"op":"ping","token":"t"})"
                              "\n"
                              R"({"op":"send","campaign":"c","to":"+33 6","text":"hi","token":"t"})"
                              "\r\n"
                              R"(not json)"
                              "\n";
    REQUIRE(f.dispatcher.admit(kNow));
    for (const char c : input) {
        REQUIRE(f.dispatcher.onBytes(std::string_view(&c, 1), kNow));
    }
    const std::string out = f.replies->takeReady();
    REQUIRE(
        out.rfind(
            "{\"ok\":true}\n{\"ok\":true,\"id\":\"1\"}\n{\"ok\":false,\"error\":\"bad_json\"", 0)
        == 0);
    REQUIRE(f.backend.sends.size() == 1);
    REQUIRE(f.backend.sends[0].to == "+336");
}

TEST_CASE("dispatcher: a wrong token closes, and nothing after it is handled", "[bridge]")
{
    Fixture f;
    REQUIRE(f.dispatcher.admit(kNow));
    REQUIRE_FALSE(f.dispatcher.onBytes(
        "{\"op\":\"ping\",\"token\":\"x\"}\n{\"op\":\"ping\",\"token\":\"t\"}\n", kNow));
    REQUIRE(f.dispatcher.closing());
    REQUIRE_FALSE(f.dispatcher.onBytes("{\"op\":\"ping\",\"token\":\"t\"}\n", kNow));
    REQUIRE(f.replies->takeReady()
        == "{\"ok\":false,\"error\":\"unauthorized\",\"message\":\"missing or wrong token; "
           "closing\"}\n");
}

TEST_CASE("dispatcher: five failures lock the address out for 60 s, per address", "[bridge]")
{
    Fixture f;
    for (int i = 0; i < 5; ++i) {
        smppd::BridgeDispatcher d(f.backend, f.auth, f.replies, "p", "192.0.2.7");
        REQUIRE(d.admit(kNow));
        REQUIRE_FALSE(d.onBytes("{\"op\":\"ping\"}\n", kNow));
    }
    (void)f.replies->takeReady();
    smppd::BridgeDispatcher locked(f.backend, f.auth, f.replies, "p", "192.0.2.7");
    REQUIRE_FALSE(locked.admit(kNow + std::chrono::seconds(59)));
    REQUIRE(f.replies->takeReady().rfind("{\"ok\":false,\"error\":\"locked_out\"", 0) == 0);
    smppd::BridgeDispatcher other(f.backend, f.auth, f.replies, "p", "192.0.2.8");
    REQUIRE(other.admit(kNow)); // per address
    smppd::BridgeDispatcher later(f.backend, f.auth, f.replies, "p", "192.0.2.7");
    REQUIRE(later.admit(kNow + std::chrono::seconds(61)));
}

TEST_CASE("dispatcher: no token configured, none needed", "[bridge]")
{
    Fixture f("");
    REQUIRE(f.dispatcher.admit(kNow));
    REQUIRE(f.dispatcher.onBytes("{\"op\":\"ping\"}\n", kNow));
    REQUIRE(f.replies->takeReady() == "{\"ok\":true}\n");
}
