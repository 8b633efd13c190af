#include "config/KeyTable.h"

#include "config/PasswordHash.h"
#include "config/ValueParsers.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <limits>
#include <map>
#include <string>

namespace smppd::config_detail {

namespace {

using Table = std::map<std::string, KeySetter>;

template <typename T>
T integer(std::string_view key, std::string_view value, std::uint64_t min, std::uint64_t max)
{
    return static_cast<T>(parseInteger(key, value, min, max));
}

std::uint16_t port(std::string_view key, std::string_view value)
{
    return integer<std::uint16_t>(key, value, 0, 65535);
}

std::chrono::seconds seconds(
    std::string_view key, std::string_view value, std::uint64_t min, std::uint64_t max)
{
    return std::chrono::seconds(integer<std::chrono::seconds::rep>(key, value, min, max));
}

/// A host name or address to listen on; "" (or "*") means all interfaces.
std::string host(std::string_view key, std::string_view value)
{
    const std::string_view text = trim(value);
    if (text == "*") {
        return {}; // "*" is a common spelling of "all interfaces"
    }
    const bool ok = std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':'
            || c == '_' || c == '%';
    });
    if (!ok) {
        fail(key, value, "an IP address or host name, or empty for all interfaces");
    }
    return std::string(text);
}

Mode mode(std::string_view key, std::string_view value)
{
    const std::string v = lower(trim(value));
    if (v == "opportunity") {
        return Mode::Opportunity;
    }
    if (v == "vocalcom") {
        return Mode::Vocalcom;
    }
    fail(key, value, "OPPORTUNITY or VOCALCOM");
}

MessageIdFormat messageIdFormat(std::string_view key, std::string_view value)
{
    const std::string v = lower(trim(value));
    if (v == "decimal") {
        return MessageIdFormat::Decimal;
    }
    if (v == "hex") {
        return MessageIdFormat::Hex;
    }
    fail(key, value, "decimal or hex");
}

PushFormat pushFormat(std::string_view key, std::string_view value)
{
    const std::string v = lower(trim(value));
    if (v == "json") {
        return PushFormat::Json;
    }
    if (v == "form") {
        return PushFormat::Form;
    }
    fail(key, value, "json or form");
}

std::string logLevel(std::string_view key, std::string_view value)
{
    std::string v = lower(trim(value));
    if (v == "info") {
        return "information";
    }
    if (v == "warn") {
        return "warning";
    }
    for (const char* name : {"none",
             "fatal",
             "critical",
             "error",
             "warning",
             "notice",
             "information",
             "debug",
             "trace"}) {
        if (v == name) {
            return v;
        }
    }
    fail(key,
        value,
        "one of trace, debug, information, notice, warning, error, critical, fatal, none");
}

void requireFile(std::string_view key, std::string_view value, const std::string& path)
{
    if (path.empty()) {
        return;
    }
    // The operating system's words for what is wrong with the path (issue #18).
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec) {
        fail(key, value, "an existing file (" + path + ": " + ec.message() + ")");
    }
    if (!std::filesystem::is_regular_file(status)) {
        fail(key, value, "an existing file (" + path + ": not a regular file)");
    }
}

/// Applies one `name=v` item of Server.ListenParams; `key`/`value` are for the error message.
void applyListenParam(ListenParams& p,
    std::string_view item,
    std::string_view key,
    std::string_view value,
    const std::string& base)
{
    const auto eq = item.find('=');
    const std::string name = lower(trim(item.substr(0, eq)));
    const std::string_view v = eq == std::string_view::npos ? "" : trim(item.substr(eq + 1));
    if (eq == std::string_view::npos) {
        fail(key, value, "k=v pairs separated by ';' with keys tls, cert, key, ca");
    }
    if (name == "tls") {
        const std::string flag = lower(v);
        if (flag != "true" && flag != "false" && flag != "1" && flag != "0") {
            fail(key, value, "tls=true or tls=false");
        }
        p.tls = flag == "true" || flag == "1";
    } else if (name == "cert" || name == "key" || name == "ca") {
        (name == "cert" ? p.cert : name == "key" ? p.key : p.ca) = resolvePath(base, v);
    } else {
        fail(key, value, "k=v pairs separated by ';' with keys tls, cert, key, ca");
    }
}

/// `tls=1;cert=server.pem;key=server.key;ca=clients.pem` (blanks and empty items allowed).
ListenParams listenParams(std::string_view key, std::string_view value, const std::string& base)
{
    ListenParams p;
    std::string_view rest = value;
    while (!trim(rest).empty()) {
        const auto sep = rest.find(';');
        const std::string_view item = trim(rest.substr(0, sep));
        rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
        if (!item.empty()) {
            applyListenParam(p, item, key, value, base);
        }
    }
    if (p.tls && (p.cert.empty() || p.key.empty())) {
        fail(key, value, "cert=FILE and key=FILE when tls=1");
    }
    for (const std::string* file : {&p.cert, &p.key, &p.ca}) {
        requireFile(key, value, *file);
    }
    return p;
}

/// Checks a password-hash string; the error never repeats the value (it is a secret's hash).
void hashString(std::string_view key, std::string_view value)
{
    try {
        (void)PasswordHash::parse(value);
    } catch (const PasswordHashError& e) {
        fail(key,
            "****",
            std::string("a hash string from smppd --hash-password (") + e.what() + ")");
    }
}

void addServerKeys(Table& t)
{
    t["server.listenhost"] = [](Settings& s, auto k, auto v) { s.server.listen_host = host(k, v); };
    t["server.listenport"] = [](Settings& s, auto k, auto v) { s.server.listen_port = port(k, v); };
    t["server.listenparams"] = [](Settings& s, auto k, auto v) {
        s.server.listen_params = listenParams(k, v, s.base_dir);
    };
    t["server.keepaliveinterval"] = [](Settings& s, auto k, auto v) {
        s.server.keep_alive_interval = seconds(k, v, 0, 86400);
    };
    t["server.throttlerate"] = [](Settings& s, auto k, auto v) {
        s.server.throttle_rate = integer<std::uint32_t>(k, v, 0, 1000000);
    };
    t["server.smscidentifier"] = [](Settings& s, auto k, auto v) {
        const std::string_view id = trim(v);
        // 16, not SMPP 3.4's 15: the original product's default "opportunity-smsc" has 16.
        if (id.empty() || id.size() > 16) {
            fail(k, v, "1 to 16 characters (SMPP system_id)");
        }
        s.server.smsc_identifier = std::string(id);
    };
    t["server.disconnectafterlogout"] = [](Settings& s, auto k, auto v) {
        s.server.disconnect_after_logout =
            std::chrono::milliseconds(integer<std::int64_t>(k, v, 0, 600000));
    };
    t["server.maxsessionsperaccount"] = [](Settings& s, auto k, auto v) {
        s.server.max_sessions_per_account = integer<std::uint32_t>(k, v, 1, 1000);
    };
    t["server.maxconnections"] = [](Settings& s, auto k, auto v) {
        s.server.max_connections = integer<std::uint32_t>(k, v, 1, 100000);
    };
}

void addServerLimitKeys(Table& t)
{
    t["server.bindtimeout"] = [](Settings& s, auto k, auto v) {
        s.server.bind_timeout = seconds(k, v, 1, 3600);
    };
    t["server.responsetimeout"] = [](Settings& s, auto k, auto v) {
        s.server.response_timeout = seconds(k, v, 1, 3600);
    };
    t["server.windowsize"] = [](Settings& s, auto k, auto v) {
        s.server.window_size = integer<std::uint32_t>(k, v, 1, 100000);
    };
    t["server.deliverwindow"] = [](Settings& s, auto k, auto v) {
        s.server.deliver_window = integer<std::uint32_t>(k, v, 1, 10000);
    };
    t["server.messageidformat"] = [](Settings& s, auto k, auto v) {
        s.server.message_id_format = messageIdFormat(k, v);
    };
    t["server.maxpdulength"] = [](Settings& s, auto k, auto v) {
        s.server.max_pdu_length = integer<std::uint32_t>(k, v, 512, 16 * 1024 * 1024);
    };
    t["job.statusreport.interval"] = [](Settings& s, auto k, auto v) {
        s.job.status_report_interval = seconds(k, v, 1, 86400);
    };
    t["purge.messages.hour"] = [](Settings& s, auto k, auto v) {
        s.purge.hour = integer<int>(k, v, 0, 23);
    };
    t["purge.messages.retentiondays"] = [](Settings& s, auto k, auto v) {
        s.purge.retention = std::chrono::days(integer<int>(k, v, 0, 3650));
    };
    t["mode"] = [](Settings& s, auto k, auto v) { s.mode = mode(k, v); };
}

void addHermesKeys(Table& t)
{
    t["urlhermes"] = [](Settings& s, auto, auto v) { s.hermes.url = std::string(trim(v)); };
    t["hermes.concurrency"] = [](Settings& s, auto k, auto v) {
        s.hermes.concurrency = integer<std::uint32_t>(k, v, 1, 256);
    };
    t["hermes.timeout"] = [](Settings& s, auto k, auto v) {
        s.hermes.timeout = seconds(k, v, 1, 600);
    };
    t["hermes.maxretrybackoff"] = [](Settings& s, auto k, auto v) {
        s.hermes.max_retry_backoff = seconds(k, v, 1, 86400);
    };
    t["hermes.pushformat"] = [](Settings& s, auto k, auto v) {
        s.hermes.push_format = pushFormat(k, v);
    };
    t["hermes.authheader"] = [](Settings& s, auto, auto v) { s.hermes.auth_header = trim(v); };
    t["hermes.cafile"] = [](Settings& s, auto k, auto v) {
        s.hermes.ca_file = resolvePath(s.base_dir, v);
        requireFile(k, v, s.hermes.ca_file);
    };
    t["hermes.tlsverify"] = [](Settings& s, auto k, auto v) {
        s.hermes.tls_verify = parseBool(k, v);
    };
}

void addMessageKeys(Table& t)
{
    t["message.validityhours"] = [](Settings& s, auto k, auto v) {
        s.message.validity = std::chrono::hours(integer<int>(k, v, 1, 8760));
    };
    t["message.handsetdelay"] = [](Settings& s, auto k, auto v) {
        s.message.handset_delay = std::chrono::milliseconds(integer<std::int64_t>(k, v, 0, 60000));
    };
    t["message.maxqueuedperaccount"] = [](Settings& s, auto k, auto v) {
        s.message.max_queued_per_account = integer<std::uint32_t>(k, v, 1, 100000000);
    };
    t["message.maxheldreceiptsperaccount"] = [](Settings& s, auto k, auto v) {
        s.message.max_held_receipts_per_account = integer<std::uint32_t>(k, v, 1, 100000000);
    };
}

void addBridgeAndAuthKeys(Table& t)
{
    t["tcpserver.listenhost"] = [](Settings& s, auto k, auto v) {
        s.tcp_server.listen_host = host(k, v);
    };
    t["tcpserver.listenport"] = [](Settings& s, auto k, auto v) {
        s.tcp_server.listen_port = port(k, v);
    };
    t["tcpserver.token"] = [](Settings& s, auto k, auto v) {
        s.tcp_server.token = trim(v);
        if (looksLikePasswordHash(s.tcp_server.token)) {
            hashString(k, s.tcp_server.token);
        }
    };
    t["tcpserver.listenparams"] = [](Settings& s, auto k, auto v) {
        s.tcp_server.listen_params = listenParams(k, v, s.base_dir);
    };
    t["tcpserver.allowedclients"] = [](Settings& s, auto k, auto v) {
        s.tcp_server.allowed_clients = parseAddressList(k, v);
    };
    t["authentication.login"] = [](Settings& s, auto k, auto v) {
        if (trim(v).empty() || trim(v).size() > 15) {
            fail(k, v, "1 to 15 characters (SMPP system_id)");
        }
        checkNotReserved(k, trim(v));
        s.auth.login = trim(v);
    };
    t["authentication.password"] = [](Settings& s, auto, auto v) { s.auth.password = v; };
    t["authentication.passwordhash"] = [](Settings& s, auto k, auto v) {
        s.auth.password_hash = trim(v);
        if (!s.auth.password_hash.empty()) { // "" = none, as in the shipped sample
            hashString(k, s.auth.password_hash);
        }
    };
    t["authentication.hideunknownlogin"] = [](Settings& s, auto k, auto v) {
        s.auth.hide_unknown_login = parseBool(k, v);
    };
    t["accounts.file"] = [](Settings& s, auto k, auto v) {
        s.accounts_file = resolvePath(s.base_dir, v);
        requireFile(k, v, s.accounts_file);
    };
    t["store.path"] = [](Settings& s, auto k, auto v) {
        if (trim(v).empty()) {
            fail(k, v, "a file path (relative to the config file's folder) or :memory:");
        }
        s.store.path = resolvePath(s.base_dir, v);
    };
    t["store.synchronous"] = [](Settings& s, auto k, auto v) {
        const std::string value = lower(trim(v));
        if (value != "full" && value != "normal") {
            fail(k, v, "full or normal");
        }
        s.store.sync_full = value == "full";
    };
}

void addLogAdminKeys(Table& t)
{
    t["log.directory"] = [](Settings& s, auto k, auto v) {
        if (trim(v).empty()) {
            fail(k, v, "a folder path (relative to the config file's folder)");
        }
        s.log.directory = resolvePath(s.base_dir, v);
    };
    t["log.level"] = [](Settings& s, auto k, auto v) { s.log.level = logLevel(k, v); };
    t["log.rotatesize"] = [](Settings& s, auto k, auto v) {
        s.log.rotate_size = parseByteSize(k, v, 1024, 1024ULL * 1024 * 1024);
    };
    t["log.keep"] = [](Settings& s, auto k, auto v) {
        s.log.keep = integer<std::uint32_t>(k, v, 1, 1000);
    };
    t["log.retentiondays"] = [](Settings& s, auto k, auto v) {
        s.log.retention_days = integer<std::uint32_t>(k, v, 0, 3650);
    };
    t["log.compress"] = [](Settings& s, auto k, auto v) { s.log.compress = parseBool(k, v); };
    t["log.pdutrace"] = [](Settings& s, auto k, auto v) { s.log.pdu_trace = parseBool(k, v); };
    t["admin.listenhost"] = [](Settings& s, auto k, auto v) { s.admin.listen_host = host(k, v); };
    t["admin.listenport"] = [](Settings& s, auto k, auto v) { s.admin.listen_port = port(k, v); };
}

void addLauncherKeys(Table& t)
{
    t["launcher.heartbeatinterval"] = [](Settings& s, auto k, auto v) {
        s.launcher.heartbeat_interval = seconds(k, v, 1, 3600);
    };
    t["launcher.heartbeattimeout"] = [](Settings& s, auto k, auto v) {
        s.launcher.heartbeat_timeout = seconds(k, v, 2, 86400);
    };
    t["launcher.maxbackoff"] = [](Settings& s, auto k, auto v) {
        s.launcher.max_backoff = seconds(k, v, 1, 86400);
    };
    t["launcher.stopgrace"] = [](Settings& s, auto k, auto v) {
        s.launcher.stop_grace = seconds(k, v, 1, 3600);
    };
    t["launcher.starttimeout"] = [](Settings& s, auto k, auto v) {
        s.launcher.start_timeout = seconds(k, v, 1, 86400);
    };
}

const Table& table()
{
    static const Table t = [] {
        Table built;
        addServerKeys(built);
        addServerLimitKeys(built);
        addHermesKeys(built);
        addBridgeAndAuthKeys(built);
        addMessageKeys(built);
        addLogAdminKeys(built);
        addLauncherKeys(built);
        return built;
    }();
    return t;
}

/// UrlHermes: http(s) URL with a host; only the documented placeholders.
void validateHermesUrl(const Settings& s)
{
    const std::string& url = s.hermes.url;
    constexpr std::string_view kKey = "UrlHermes";
    constexpr std::string_view kExpected =
        "an http:// or https:// URL (placeholders {campaign} {from} {to} {id} allowed)";
    if (url.empty()) {
        if (s.mode == Mode::Vocalcom) {
            fail(kKey, url, "an http:// or https:// URL (required when Mode=VOCALCOM)");
        }
        return;
    }
    std::string probe = url;
    for (const std::string_view placeholder : {"{campaign}", "{from}", "{to}", "{id}"}) {
        for (auto at = probe.find(placeholder); at != std::string::npos;
             at = probe.find(placeholder)) {
            probe.replace(at, placeholder.size(), "0");
        }
    }
    if (probe.find_first_of("{} \t\r\n") != std::string::npos) {
        fail(kKey, url, kExpected);
    }
    try {
        const Poco::URI uri(probe);
        const std::string scheme = lower(uri.getScheme());
        if ((scheme != "http" && scheme != "https") || uri.getHost().empty()) {
            fail(kKey, url, kExpected);
        }
    } catch (const Poco::SyntaxException&) {
        fail(kKey, url, kExpected);
    }
}

/// A bridge reachable beyond loopback lets whoever reaches it send SMS on the customer's bill:
/// it must ask for a token or an address list (issue #17).
void validateBridgeExposure(const Settings& s)
{
    const TcpServerSettings& bridge = s.tcp_server;
    if (s.mode != Mode::Vocalcom || isLoopbackHost(bridge.listen_host) || !bridge.token.empty()
        || !bridge.allowed_clients.empty()) {
        return;
    }
    throw ConfigError(fmt::format("config: TcpServer.ListenHost='{}' exposes the bridge beyond "
                                  "loopback with neither TcpServer.Token nor "
                                  "TcpServer.AllowedClients: set at least one of them (or "
                                  "TcpServer.ListenHost=127.0.0.1)",
        bridge.listen_host));
}

} // namespace

const KeySetter* findKey(std::string_view key)
{
    const auto it = table().find(lower(trim(key)));
    return it == table().end() ? nullptr : &it->second;
}

void validateCrossKeys(const Settings& settings)
{
    validateHermesUrl(settings);
    validateBridgeExposure(settings);
    if (settings.launcher.heartbeat_timeout <= settings.launcher.heartbeat_interval) {
        fail("Launcher.HeartbeatTimeout",
            std::to_string(settings.launcher.heartbeat_timeout.count()),
            "more seconds than Launcher.HeartbeatInterval ("
                + std::to_string(settings.launcher.heartbeat_interval.count()) + ")");
    }
}

} // namespace smppd::config_detail
