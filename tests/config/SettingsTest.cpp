#include "config/Settings.h"

#include "tests/support/NativePath.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>

using smppd::test::TempDir;

namespace {

std::string appSettings(const std::string& adds)
{
    return "<?xml version=\"1.0\"?>\n<configuration>\n  <appSettings>\n" + adds
        + "  </appSettings>\n</configuration>\n";
}

std::string add(const std::string& key, const std::string& value)
{
    return "    <add key=\"" + key + "\" value=\"" + value + "\" />\n";
}

smppd::Settings parseOne(const std::string& key, const std::string& value)
{
    return smppd::parseSettings(appSettings(add(key, value)), "/base");
}

std::string errorOf(const std::string& xml, const std::string& base = "/base")
{
    try {
        smppd::parseSettings(xml, base);
    } catch (const smppd::ConfigError& e) {
        return e.what();
    }
    return "<no error>";
}

} // namespace

TEST_CASE("an empty appSettings gives the documented defaults", "[config]")
{
    const smppd::Settings s = smppd::parseSettings(appSettings(""), "/base");
    CHECK(s.mode == smppd::Mode::Opportunity);
    CHECK(s.server.listen_host.empty());
    CHECK(s.server.listen_port == 2346);
    CHECK_FALSE(s.server.listen_params.tls);
    CHECK(s.server.keep_alive_interval == std::chrono::seconds(600));
    CHECK(s.server.throttle_rate == 0);
    CHECK(s.server.smsc_identifier == "opportunity-smsc");
    CHECK(s.server.disconnect_after_logout == std::chrono::milliseconds(10000));
    CHECK(s.server.max_sessions_per_account == 2);
    CHECK(s.server.max_connections == 1000);
    CHECK(s.server.bind_timeout == std::chrono::seconds(30));
    CHECK(s.server.response_timeout == std::chrono::seconds(30));
    CHECK(s.server.window_size == 1000);
    CHECK(s.server.deliver_window == 10);
    CHECK(s.server.message_id_format == smppd::MessageIdFormat::Decimal);
    CHECK(s.server.max_pdu_length == 65536 + 1024);
    CHECK(s.job.status_report_interval == std::chrono::seconds(10));
    CHECK(s.purge.hour == 1);
    CHECK(s.purge.retention == std::chrono::days(7));
    CHECK(s.hermes.url.empty());
    CHECK(s.hermes.concurrency == 8);
    CHECK(s.hermes.timeout == std::chrono::seconds(10));
    CHECK(s.hermes.max_retry_backoff == std::chrono::seconds(300));
    CHECK(s.hermes.push_format == smppd::PushFormat::Json);
    CHECK(s.hermes.auth_header.empty());
    CHECK(s.hermes.ca_file.empty());
    CHECK(s.hermes.tls_verify);
    CHECK(s.tcp_server.listen_host.empty());
    CHECK(s.tcp_server.listen_port == 18182);
    CHECK(s.tcp_server.token.empty());
    CHECK(s.tcp_server.allowed_clients.empty());
    CHECK(s.auth.login == "admin");
    CHECK(s.auth.password == "vocalcom");
    CHECK_FALSE(s.auth.hide_unknown_login);
    CHECK(s.message.validity == std::chrono::hours(48));
    CHECK(s.message.handset_delay == std::chrono::milliseconds(50));
    CHECK(s.message.max_queued_per_account == 500000);
    CHECK(s.message.max_held_receipts_per_account == 100000);
    CHECK(s.store.path == testsupport::native("/base/data/smppd.db"));
    CHECK(s.store.sync_full);
    CHECK(s.log.directory == testsupport::native("/base/logs"));
    CHECK(s.log.level == "information");
    CHECK(s.log.rotate_size == 10U * 1024 * 1024);
    CHECK(s.log.keep == 10);
    CHECK(s.log.compress);
    CHECK(s.log.retention_days == 14);
    CHECK_FALSE(s.log.pdu_trace);
    CHECK(s.admin.listen_host == "127.0.0.1");
    CHECK(s.admin.listen_port == 0);
    CHECK(s.launcher.heartbeat_interval == std::chrono::seconds(1));
    CHECK(s.launcher.heartbeat_timeout == std::chrono::seconds(10));
    CHECK(s.launcher.max_backoff == std::chrono::seconds(30));
    CHECK(s.launcher.stop_grace == std::chrono::seconds(30));
    CHECK(s.launcher.start_timeout == std::chrono::seconds(60));
    CHECK(s.accounts_file.empty());
    REQUIRE(s.accounts.size() == 1);
    CHECK(s.accounts[0].system_id == "admin");
    CHECK(s.accounts[0].password == "vocalcom");
    CHECK(s.accounts[0].max_sessions == 2);
    CHECK(s.accounts[0].throttle_rate == 0);
    CHECK(s.warnings.empty());
}

TEST_CASE("every key is parsed into its field", "[config]")
{
    TempDir dir;
    dir.write("tls/server.pem", "cert");
    dir.write("tls/server.key", "key");
    dir.write("tls/ca.pem", "ca");
    dir.write("hermes-ca.pem", "ca");
    const std::string xml = appSettings(add("Server.ListenHost", "::1")
        + add("Server.ListenPort", "2775")
        + add("Server.ListenParams", "tls=1; cert=tls/server.pem;key=tls/server.key;ca=tls/ca.pem")
        + add("Server.KeepAliveInterval", "0") + add("Server.ThrottleRate", "50")
        + add("Server.SMSCIdentifier", "my-smsc") + add("Server.DisconnectAfterLogout", "250")
        + add("Server.MaxSessionsPerAccount", "4") + add("Server.MaxConnections", "20")
        + add("Server.BindTimeout", "5") + add("Server.ResponseTimeout", "6")
        + add("Server.WindowSize", "10") + add("Server.DeliverWindow", "3")
        + add("Server.MessageIdFormat", "HEX") + add("Server.MaxPduLength", "4096")
        + add("Job.StatusReport.Interval", "3") + add("Purge.Messages.Hour", "23")
        + add("Purge.Messages.RetentionDays", "30") + add("Mode", "vocalcom")
        + add("UrlHermes", "https://hermes.example/sms?c={campaign}")
        + add("Hermes.Concurrency", "2") + add("Hermes.Timeout", "4")
        + add("Hermes.MaxRetryBackoff", "60") + add("Hermes.PushFormat", "form")
        + add("Hermes.AuthHeader", "Bearer xyz") + add("Hermes.CaFile", "hermes-ca.pem")
        + add("Hermes.TlsVerify", "false") + add("Message.ValidityHours", "12")
        + add("Message.HandsetDelay", "0") + add("Message.MaxQueuedPerAccount", "1000")
        + add("Message.MaxHeldReceiptsPerAccount", "250") + add("TcpServer.ListenHost", "127.0.0.1")
        + add("TcpServer.ListenPort", "0") + add("TcpServer.Token", "t0k")
        + add("TcpServer.AllowedClients", "127.0.0.1, 10.0.0.0/8")
        + add("Authentication.Login", "esme") + add("Authentication.Password", "pw")
        + add("Authentication.HideUnknownLogin", "true") + add("Store.Path", ":memory:")
        + add("Store.Synchronous", "Normal") + add("Log.Directory", "/var/log/smppd")
        + add("Log.Level", "info") + add("Log.RotateSize", "512 K") + add("Log.Keep", "3")
        + add("Log.RetentionDays", "30") + add("Log.Compress", "yes") + add("Log.PduTrace", "1")
        + add("Admin.ListenHost", "0.0.0.0") + add("Admin.ListenPort", "8080")
        + add("Launcher.HeartbeatInterval", "2") + add("Launcher.HeartbeatTimeout", "7")
        + add("Launcher.MaxBackoff", "9") + add("Launcher.StopGrace", "5")
        + add("Launcher.StartTimeout", "600"));
    const smppd::Settings s = smppd::parseSettings(xml, dir.path().string());
    const std::string base = dir.path().string();
    CHECK(s.warnings.empty());
    CHECK(s.server.listen_host == "::1");
    CHECK(s.server.listen_port == 2775);
    CHECK(s.server.listen_params.tls);
    CHECK(s.server.listen_params.cert == base + testsupport::native("/tls/server.pem"));
    CHECK(s.server.listen_params.key == base + testsupport::native("/tls/server.key"));
    CHECK(s.server.listen_params.ca == base + testsupport::native("/tls/ca.pem"));
    CHECK(s.server.keep_alive_interval == std::chrono::seconds(0));
    CHECK(s.server.throttle_rate == 50);
    CHECK(s.server.smsc_identifier == "my-smsc");
    CHECK(s.server.disconnect_after_logout == std::chrono::milliseconds(250));
    CHECK(s.server.max_sessions_per_account == 4);
    CHECK(s.server.max_connections == 20);
    CHECK(s.server.bind_timeout == std::chrono::seconds(5));
    CHECK(s.server.response_timeout == std::chrono::seconds(6));
    CHECK(s.server.window_size == 10);
    CHECK(s.server.deliver_window == 3);
    CHECK(s.server.message_id_format == smppd::MessageIdFormat::Hex);
    CHECK(s.server.max_pdu_length == 4096);
    CHECK(s.job.status_report_interval == std::chrono::seconds(3));
    CHECK(s.purge.hour == 23);
    CHECK(s.purge.retention == std::chrono::days(30));
    CHECK(s.mode == smppd::Mode::Vocalcom);
    CHECK(s.hermes.url == "https://hermes.example/sms?c={campaign}");
    CHECK(s.hermes.concurrency == 2);
    CHECK(s.hermes.timeout == std::chrono::seconds(4));
    CHECK(s.hermes.max_retry_backoff == std::chrono::seconds(60));
    CHECK(s.hermes.push_format == smppd::PushFormat::Form);
    CHECK(s.hermes.auth_header == "Bearer xyz");
    CHECK(s.hermes.ca_file == base + testsupport::native("/hermes-ca.pem"));
    CHECK_FALSE(s.hermes.tls_verify);
    CHECK(s.message.validity == std::chrono::hours(12));
    CHECK(s.message.handset_delay == std::chrono::milliseconds(0));
    CHECK(s.message.max_queued_per_account == 1000);
    CHECK(s.message.max_held_receipts_per_account == 250);
    CHECK(s.tcp_server.listen_host == "127.0.0.1");
    CHECK(s.tcp_server.listen_port == 0);
    CHECK(s.tcp_server.token == "t0k");
    CHECK(s.tcp_server.allowed_clients == std::vector<std::string>{"127.0.0.1", "10.0.0.0/8"});
    CHECK(s.auth.login == "esme");
    CHECK(s.auth.password == "pw");
    CHECK(s.auth.hide_unknown_login);
    CHECK(s.store.path == ":memory:");
    CHECK_FALSE(s.store.sync_full);
#ifdef _WIN32
    // A rooted path without a drive is on the drive of the config's folder.
    CHECK(s.log.directory == base.substr(0, 2) + "\\var\\log\\smppd");
#else
    CHECK(s.log.directory == "/var/log/smppd");
#endif
    CHECK(s.log.level == "information");
    CHECK(s.log.rotate_size == 512 * 1024);
    CHECK(s.log.keep == 3);
    CHECK(s.log.retention_days == 30);
    CHECK(s.log.compress);
    CHECK(s.log.pdu_trace);
    CHECK(s.admin.listen_host == "0.0.0.0");
    CHECK(s.admin.listen_port == 8080);
    CHECK(s.launcher.heartbeat_interval == std::chrono::seconds(2));
    CHECK(s.launcher.heartbeat_timeout == std::chrono::seconds(7));
    CHECK(s.launcher.max_backoff == std::chrono::seconds(9));
    CHECK(s.launcher.stop_grace == std::chrono::seconds(5));
    CHECK(s.launcher.start_timeout == std::chrono::seconds(600));
    REQUIRE(s.accounts.size() == 1);
    CHECK(s.accounts[0].system_id == "esme");
    CHECK(s.accounts[0].password == "pw");
    CHECK(s.accounts[0].max_sessions == 4);
    CHECK(s.accounts[0].throttle_rate == 50);
}

TEST_CASE("a wrong value names the key, the value and what is expected", "[config]")
{
    using Row = std::tuple<std::string, std::string, std::string>;
    const auto [key, value, expected] = GENERATE(table<std::string, std::string, std::string>({
        Row{"Server.ListenPort", "70000", "an integer 0..65535"},
        Row{"Server.ListenPort", "-1", "an integer 0..65535"},
        Row{"Server.ListenPort", "", "an integer 0..65535"},
        Row{"Server.ListenPort", "12ab", "an integer 0..65535"},
        Row{"Server.ListenHost", "bad host!", "an IP address or host name"},
        Row{"Server.ListenParams", "tls=maybe", "tls=true or tls=false"},
        Row{"Server.ListenParams",
            "color=blue",
            "k=v pairs separated by ';' with keys tls, cert, key, ca"},
        Row{"Server.ListenParams", "tls=1", "cert=FILE and key=FILE"},
        Row{"Server.ListenParams", "tls=1;cert=nope.pem;key=nope.key", "an existing file"},
        Row{"Server.KeepAliveInterval", "forever", "an integer 0..86400"},
        Row{"Server.ThrottleRate", "1.5", "an integer 0..1000000"},
        Row{"Server.SMSCIdentifier", "this-is-longer-than-16", "1 to 16 characters"},
        Row{"Server.DisconnectAfterLogout", "700000", "an integer 0..600000"},
        Row{"Server.MaxSessionsPerAccount", "0", "an integer 1..1000"},
        Row{"Server.MaxConnections", "0", "an integer 1..100000"},
        Row{"Server.BindTimeout", "0", "an integer 1..3600"},
        Row{"Server.ResponseTimeout", "x", "an integer 1..3600"},
        Row{"Server.WindowSize", "0", "an integer 1..100000"},
        Row{"Server.DeliverWindow", "0", "an integer 1..10000"},
        Row{"Server.DeliverWindow", "10001", "an integer 1..10000"},
        Row{"Server.MessageIdFormat", "base64", "decimal or hex"},
        Row{"Server.MaxPduLength", "100", "an integer 512..16777216"},
        Row{"Job.StatusReport.Interval", "0", "an integer 1..86400"},
        Row{"Purge.Messages.Hour", "24", "an integer 0..23"},
        Row{"Purge.Messages.RetentionDays", "-3", "an integer 0..3650"},
        Row{"Mode", "HYBRID", "OPPORTUNITY or VOCALCOM"},
        Row{"UrlHermes", "ftp://host/x", "an http:// or https:// URL"},
        Row{"UrlHermes", "https://host/{bogus}", "an http:// or https:// URL"},
        Row{"UrlHermes", "not a url", "an http:// or https:// URL"},
        Row{"Hermes.Concurrency", "0", "an integer 1..256"},
        Row{"Hermes.Timeout", "0", "an integer 1..600"},
        Row{"Hermes.MaxRetryBackoff", "0", "an integer 1..86400"},
        Row{"Hermes.PushFormat", "xml", "json or form"},
        Row{"Hermes.CaFile", "missing-ca.pem", "an existing file"},
        Row{"Hermes.TlsVerify", "perhaps", "true or false"},
        Row{"Message.ValidityHours", "0", "an integer 1..8760"},
        Row{"Message.HandsetDelay", "-1", "an integer 0..60000"},
        Row{"Message.HandsetDelay", "60001", "an integer 0..60000"},
        Row{"Message.MaxQueuedPerAccount", "0", "an integer 1..100000000"},
        Row{"Message.MaxQueuedPerAccount", "1e6", "an integer 1..100000000"},
        Row{"Message.MaxHeldReceiptsPerAccount", "0", "an integer 1..100000000"},
        Row{"TcpServer.ListenHost", "a b", "an IP address or host name"},
        Row{"TcpServer.ListenPort", "65536", "an integer 0..65535"},
        Row{"TcpServer.AllowedClients",
            "10.0.0.1, example.com",
            "a comma-separated list of IP addresses or CIDR blocks"},
        Row{"TcpServer.AllowedClients",
            "10.0.0.0/33",
            "a comma-separated list of IP addresses or CIDR blocks"},
        Row{"Authentication.Login", "", "1 to 15 characters"},
        Row{"Authentication.HideUnknownLogin", "maybe", "true or false"},
        Row{"Accounts.File", "no-such-accounts.xml", "an existing file"},
        Row{"Store.Path", "", "a file path"},
        Row{"Store.Synchronous", "off", "full or normal"},
        Row{"Log.Directory", " ", "a folder path"},
        Row{"Log.Level", "verbose", "one of trace, debug, information"},
        Row{"Log.RotateSize", "10 T", "a size in bytes 1024..1073741824"},
        Row{"Log.RotateSize", "100", "a size in bytes 1024..1073741824"},
        Row{"Log.RotateSize", "2 G", "a size in bytes 1024..1073741824"},
        Row{"Log.Keep", "0", "an integer 1..1000"},
        Row{"Log.RetentionDays", "-1", "an integer 0..3650"},
        Row{"Log.Compress", "gzip", "true or false"},
        Row{"Log.PduTrace", "2", "true or false"},
        Row{"Admin.ListenHost", "host/32", "an IP address or host name"},
        Row{"Admin.ListenPort", "99999", "an integer 0..65535"},
        Row{"Launcher.HeartbeatInterval", "0", "an integer 1..3600"},
        Row{"Launcher.HeartbeatTimeout", "1", "an integer 2..86400"},
        Row{"Launcher.MaxBackoff", "0", "an integer 1..86400"},
        Row{"Launcher.StopGrace", "0", "an integer 1..3600"},
        Row{"Launcher.StopGrace", "3601", "an integer 1..3600"},
        Row{"Launcher.StartTimeout", "0", "an integer 1..86400"},
        Row{"Launcher.StartTimeout", "1 min", "an integer 1..86400"},
    }));
    CAPTURE(key, value);
    TempDir dir;
    const std::string message = errorOf(appSettings(add(key, value)), dir.path().string());
    CAPTURE(message);
    CHECK(message.rfind("config: " + key + "='" + value + "'", 0) == 0);
    CHECK(message.find("is not valid: expected " + expected) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("the exact message for an out-of-range port", "[config]")
{
    CHECK(errorOf(appSettings(add("Server.ListenPort", "70000")))
        == "config: Server.ListenPort='70000' is not valid: expected an integer 0..65535");
}

TEST_CASE("a value with a newline is reported on one line", "[config]")
{
    const std::string message = errorOf(appSettings(add("Server.ListenPort", "1&#10;2")));
    CHECK(message
        == "config: Server.ListenPort='1\\x0a2' is not valid: expected an integer 0..65535");
}

TEST_CASE("rules across keys name the key", "[config]")
{
    SECTION("VOCALCOM needs UrlHermes")
    {
        CHECK(errorOf(appSettings(add("Mode", "VOCALCOM")))
            == "config: UrlHermes='' is not valid: expected an http:// or https:// URL (required "
               "when Mode=VOCALCOM)");
    }
    SECTION("UrlHermes with every placeholder is accepted")
    {
        const auto s = smppd::parseSettings(
            appSettings(add("Mode", "Vocalcom") + add("TcpServer.ListenHost", "127.0.0.1")
                + add("UrlHermes",
                    "http://127.0.0.1:8080/sms/{campaign}?from={from}&amp;"
                    "to={to}&amp;id={id}")),
            "/base");
        CHECK(s.hermes.url == "http://127.0.0.1:8080/sms/{campaign}?from={from}&to={to}&id={id}");
    }
    SECTION("heartbeat timeout must exceed the interval")
    {
        CHECK(errorOf(appSettings(
                  add("Launcher.HeartbeatInterval", "5") + add("Launcher.HeartbeatTimeout", "5")))
            == "config: Launcher.HeartbeatTimeout='5' is not valid: expected more seconds than "
               "Launcher.HeartbeatInterval (5)");
    }
}

TEST_CASE("a listen host of * means all interfaces", "[config]")
{
    CHECK(parseOne("Server.ListenHost", "*").server.listen_host.empty());
}

TEST_CASE("Mode and keys are case-insensitive", "[config]")
{
    const auto s = smppd::parseSettings(
        appSettings(add("mode", "OpPoRtUnItY") + add("SERVER.LISTENPORT", "1234")), "/base");
    CHECK(s.mode == smppd::Mode::Opportunity);
    CHECK(s.server.listen_port == 1234);
    CHECK(s.warnings.empty());
}

TEST_CASE("unknown and repeated keys are warnings, not errors", "[config]")
{
    const auto s =
        smppd::parseSettings(appSettings(add("Server.Colour", "blue")
                                 + add("Server.ListenPort", "1") + add("Server.ListenPort", "2")),
            "/base");
    CHECK(s.server.listen_port == 2);
    REQUIRE(s.warnings.size() == 2);
    CHECK(s.warnings[0] == "config: unknown key 'Server.Colour' (line 4) is ignored");
    CHECK(s.warnings[1].find("'Server.ListenPort' (line 6) appears more than once")
        != std::string::npos);
}

TEST_CASE("document shapes", "[config]")
{
    SECTION("<appSettings> as the root")
    {
        const auto s = smppd::parseSettings(
            "<appSettings><add key=\"Server.ListenPort\" value=\"9\"/></appSettings>", "/base");
        CHECK(s.server.listen_port == 9);
    }
    SECTION("comments and other .NET sections are allowed")
    {
        const auto s = smppd::parseSettings(
            "<configuration><!-- c --><startup><supportedRuntime version=\"v4.0\"/></startup>"
            "<appSettings><!-- port --><add key=\"Server.ListenPort\" value=\"9\"/></appSettings>"
            "<connectionStrings><add name=\"x\" connectionString=\"y\"/></connectionStrings>"
            "</configuration>",
            "/base");
        CHECK(s.server.listen_port == 9);
        CHECK(s.warnings.empty());
    }
    SECTION("<clear/> and <remove/> work as in .NET")
    {
        const auto s = smppd::parseSettings(
            appSettings(add("Server.ListenPort", "9") + "<clear/>" + add("Server.ThrottleRate", "5")
                + "<remove key=\"Server.ThrottleRate\"/>"),
            "/base");
        CHECK(s.server.listen_port == 2346);
        CHECK(s.server.throttle_rate == 0);
    }
    SECTION("a wrong root element")
    {
        CHECK(errorOf("<settings/>")
            == "config: <memory>: root element <settings> is not valid: expected <configuration> "
               "or <appSettings>");
    }
    SECTION("<add> without a key")
    {
        CHECK(errorOf(appSettings("<add value=\"1\"/>\n"))
            == "config: <memory> line 4: <add> has no key attribute");
    }
}

TEST_CASE("malformed XML gives a ConfigError with the line", "[config]")
{
    TempDir dir;
    const std::string path = dir.write("broken.config",
        "<configuration>\n<appSettings>\n<add key=\"a\" value=\"b\">\n"
        "</appSettings>\n</configuration>\n");
    try {
        smppd::loadSettings(path);
        FAIL("no exception");
    } catch (const smppd::ConfigError& e) {
        const std::string message = e.what();
        CHECK(message.rfind("config: " + path + ": malformed XML at line 4", 0) == 0);
        CHECK(message.find('\n') == std::string::npos);
    }
    CHECK(errorOf("").find("malformed XML at line 1") != std::string::npos);
    CHECK(errorOf("not xml at all").find("malformed XML") != std::string::npos);
}

TEST_CASE("a missing file gives a ConfigError naming it", "[config]")
{
    REQUIRE_THROWS_WITH(smppd::loadSettings("/nonexistent/smppd.config"),
        "config: file '/nonexistent/smppd.config' does not exist or is not a file");
    TempDir dir;
    REQUIRE_THROWS_AS(smppd::loadSettings(dir.path().string()), smppd::ConfigError);
}

TEST_CASE("relative paths are resolved against the config file's folder", "[config]")
{
    TempDir dir;
    dir.write("etc/accounts.xml", "<accounts><account systemId=\"a\" password=\"p\"/></accounts>");
    const std::string path = dir.write("etc/smppd.config",
        appSettings(add("Store.Path", "../var/db.sqlite") + add("Log.Directory", "logs")
            + add("Accounts.File", "accounts.xml")));
    const smppd::Settings s = smppd::loadSettings(path);
    const std::string base = dir.path().string();
    CHECK(s.config_path == base + testsupport::native("/etc/smppd.config"));
    CHECK(s.base_dir == base + testsupport::native("/etc"));
    CHECK(s.store.path == base + testsupport::native("/var/db.sqlite"));
    CHECK(s.log.directory == base + testsupport::native("/etc/logs"));
    CHECK(s.accounts_file == base + testsupport::native("/etc/accounts.xml"));
    REQUIRE(s.accounts.size() == 1);
    CHECK(s.accounts[0].system_id == "a");
}

TEST_CASE("Log.RotateSize accepts bytes and K/M units", "[config]")
{
    const auto [text, bytes] = GENERATE(table<std::string, std::uint64_t>({
        {"10 M", 10ULL * 1024 * 1024},
        {"10M", 10ULL * 1024 * 1024},
        {"10 MB", 10ULL * 1024 * 1024},
        {"512 K", 512ULL * 1024},
        {"512k", 512ULL * 1024},
        {"1 G", 1024ULL * 1024 * 1024},
        {"4096", 4096},
        {" 2048 ", 2048},
    }));
    CAPTURE(text);
    CHECK(parseOne("Log.RotateSize", text).log.rotate_size == bytes);
}

/// The absolute path of `relative` in the source tree (on Windows with the current drive).
std::string inSourceDir(const std::string& relative)
{
    return std::filesystem::absolute(std::filesystem::path(SMPPD_SOURCE_DIR) / relative)
        .lexically_normal()
        .string();
}

TEST_CASE("the shipped sample configs load without error or warning", "[config]")
{
    const std::string file = GENERATE("smppd.config", "smppd.vocalcom.config");
    CAPTURE(file);
    const smppd::Settings s =
        smppd::loadSettings(std::string(SMPPD_SOURCE_DIR) + "/config/" + file);
    CHECK(s.warnings.empty());
    CHECK(s.server.listen_port == 2346);
    CHECK(s.store.path == inSourceDir("config/data/smppd.db"));
    CHECK(s.log.directory == inSourceDir("config/logs"));
    if (file == "smppd.config") {
        CHECK(s.mode == smppd::Mode::Opportunity);
        CHECK(s.server.listen_host == "127.0.0.1");
    } else {
        CHECK(s.mode == smppd::Mode::Vocalcom);
        CHECK(s.hermes.url == "https://127.0.0.1:8443/hermes/sms");
    }
}

TEST_CASE("the VOCALCOM sample holds every key", "[config]")
{
    const smppd::Settings s =
        smppd::loadSettings(std::string(SMPPD_SOURCE_DIR) + "/config/smppd.vocalcom.config");
    const std::string text = smppd::describe(s);
    // describe() lists every key; each must be present in the sample file too.
    std::ifstream in(std::string(SMPPD_SOURCE_DIR) + "/config/smppd.vocalcom.config");
    const std::string sample{std::istreambuf_iterator<char>(in), {}};
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const std::string key = line.substr(0, line.find('='));
        if (key.rfind("Accounts[", 0) == 0 || key.rfind('#', 0) == 0) {
            continue;
        }
        CAPTURE(key);
        CHECK(sample.find("key=\"" + key + "\"") != std::string::npos);
    }
}

TEST_CASE("files saved by Windows tools load: UTF-8 BOM, CRLF, UTF-16", "[config]")
{
    TempDir dir;
    SECTION("UTF-8 with BOM and CRLF")
    {
        const std::string path = dir.write("bom.config",
            "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n"
            "<appSettings>\r\n<add key=\"Server.ListenPort\" value=\"2775\" />\r\n"
            "</appSettings>\r\n</configuration>\r\n");
        CHECK(smppd::loadSettings(path).server.listen_port == 2775);
    }
    SECTION("UTF-16LE with BOM")
    {
        const std::string text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><appSettings>"
                                 "<add key=\"Server.ListenPort\" value=\"2775\"/></appSettings>";
        std::string utf16 = "\xFF\xFE";
        for (const char c : text) {
            utf16 += c;
            utf16 += '\0';
        }
        CHECK(smppd::loadSettings(dir.write("utf16.config", utf16)).server.listen_port == 2775);
    }
}

TEST_CASE("Authentication.Login may not be the reserved 'bridge'", "[config]")
{
    CHECK(errorOf(appSettings(add("Authentication.Login", "bridge")))
        == "config: Authentication.Login='bridge' is not valid: expected a system id other than "
           "'bridge' (smppd's name for the messages of the Hermes plugin)");
    CHECK(parseOne("Authentication.Login", "bridges").auth.login == "bridges");
}
