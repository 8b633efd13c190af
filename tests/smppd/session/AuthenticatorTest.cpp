#include "smppd/session/Authenticator.h"

#include <catch2/catch.hpp>

using namespace smppd;
using smpp::CommandStatus;

TEST_CASE("Authenticator checks system_id, password and peer", "[auth]")
{
    Account a;
    a.system_id = "esme1";
    a.password = "secret";
    Account b;
    b.system_id = "lan";
    b.password = "pw";
    b.allowed_ips = {"10.1.0.0/16", "::1"};
    const Authenticator auth({a, b}, {});

    CHECK(auth.authenticate("esme1", "secret", "1.2.3.4").status == CommandStatus::Ok);
    CHECK(auth.authenticate("esme1", "secret", "1.2.3.4").account->system_id == "esme1");
    CHECK(auth.authenticate("esme1", "secreT", "1.2.3.4").status == CommandStatus::InvalidPassword);
    CHECK(
        auth.authenticate("esme1", "secret1", "1.2.3.4").status == CommandStatus::InvalidPassword);
    CHECK(auth.authenticate("esme1", "", "1.2.3.4").status == CommandStatus::InvalidPassword);
    CHECK(
        auth.authenticate("nobody", "secret", "1.2.3.4").status == CommandStatus::InvalidSystemId);
    CHECK(auth.authenticate("lan", "pw", "10.1.200.3").status == CommandStatus::Ok);
    CHECK(auth.authenticate("lan", "pw", "::ffff:10.1.0.1").status == CommandStatus::Ok);
    CHECK(auth.authenticate("lan", "pw", "::1").status == CommandStatus::Ok);
    CHECK(auth.authenticate("lan", "pw", "10.2.0.1").status == CommandStatus::BindFailed);

    const Authenticator hiding({a}, Authenticator::Options{.hide_unknown_system_id = true});
    CHECK(hiding.authenticate("nobody", "x", "1.2.3.4").status == CommandStatus::InvalidPassword);
}

TEST_CASE("constantTimeEquals and ipAllowed", "[auth]")
{
    CHECK(constantTimeEquals("abc", "abc"));
    CHECK(constantTimeEquals("", ""));
    CHECK_FALSE(constantTimeEquals("abc", "abd"));
    CHECK_FALSE(constantTimeEquals("abc", "ab"));
    CHECK_FALSE(constantTimeEquals("ab", "abc"));
    CHECK(ipAllowed("1.2.3.4", {}));
    CHECK(ipAllowed("192.168.1.7", {"192.168.1.0/24"}));
    CHECK_FALSE(ipAllowed("192.168.2.7", {"192.168.1.0/24"}));
    CHECK(ipAllowed("8.8.8.8", {"0.0.0.0/0"}));
    CHECK_FALSE(ipAllowed("8.8.8.8", {"8.8.8.8/33", "garbage"}));
}
