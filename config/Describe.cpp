#include "config/Settings.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace smppd {

namespace {

constexpr const char* kMask = "****";

std::string secret(const std::string& value)
{
    return value.empty() ? std::string() : std::string(kMask);
}

/// Masks the password of `scheme://user:password@host` so the URL can be printed.
std::string maskedUrl(const std::string& url)
{
    const auto scheme_end = url.find("://");
    const auto at = url.find('@');
    const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    if (scheme_end == std::string::npos || at == std::string::npos || at > path_start) {
        return url;
    }
    const auto colon = url.find(':', scheme_end + 3);
    if (colon == std::string::npos || colon > at) {
        return url;
    }
    return url.substr(0, colon + 1) + kMask + url.substr(at);
}

std::string join(const std::vector<std::string>& items)
{
    return fmt::format("{}", fmt::join(items, ","));
}

std::string onOff(bool value)
{
    return value ? "true" : "false";
}

void line(std::string& out, std::string_view key, const auto& value)
{
    out += fmt::format("{}={}\n", key, value);
}

std::string listenParams(const ListenParams& p)
{
    return fmt::format("tls={};cert={};key={};ca={}", p.tls ? 1 : 0, p.cert, p.key, p.ca);
}

void describeServer(std::string& out, const ServerSettings& s)
{
    line(out, "Server.ListenHost", s.listen_host);
    line(out, "Server.ListenPort", s.listen_port);
    line(out, "Server.ListenParams", listenParams(s.listen_params));
    line(out, "Server.KeepAliveInterval", s.keep_alive_interval.count());
    line(out, "Server.ThrottleRate", s.throttle_rate);
    line(out, "Server.SMSCIdentifier", s.smsc_identifier);
    line(out, "Server.DisconnectAfterLogout", s.disconnect_after_logout.count());
    line(out, "Server.MaxSessionsPerAccount", s.max_sessions_per_account);
    line(out, "Server.MaxConnections", s.max_connections);
    line(out, "Server.BindTimeout", s.bind_timeout.count());
    line(out, "Server.ResponseTimeout", s.response_timeout.count());
    line(out, "Server.WindowSize", s.window_size);
    line(out, "Server.DeliverWindow", s.deliver_window);
    line(out,
        "Server.MessageIdFormat",
        s.message_id_format == MessageIdFormat::Hex ? "hex" : "decimal");
    line(out, "Server.MaxPduLength", s.max_pdu_length);
}

void describeHermes(std::string& out, const Settings& s)
{
    line(out, "Mode", toString(s.mode));
    line(out, "UrlHermes", maskedUrl(s.hermes.url));
    line(out, "Hermes.Concurrency", s.hermes.concurrency);
    line(out, "Hermes.Timeout", s.hermes.timeout.count());
    line(out, "Hermes.MaxRetryBackoff", s.hermes.max_retry_backoff.count());
    line(out, "Hermes.PushFormat", s.hermes.push_format == PushFormat::Form ? "form" : "json");
    line(out, "Hermes.AuthHeader", secret(s.hermes.auth_header));
    line(out, "Hermes.CaFile", s.hermes.ca_file);
    line(out, "Hermes.TlsVerify", onOff(s.hermes.tls_verify));
    line(out, "Message.ValidityHours", s.message.validity.count());
    line(out, "Message.HandsetDelay", s.message.handset_delay.count());
    line(out, "Message.MaxQueuedPerAccount", s.message.max_queued_per_account);
    line(out, "Message.MaxHeldReceiptsPerAccount", s.message.max_held_receipts_per_account);
}

void describeBridgeAndAccounts(std::string& out, const Settings& s)
{
    line(out, "TcpServer.ListenHost", s.tcp_server.listen_host);
    line(out, "TcpServer.ListenPort", s.tcp_server.listen_port);
    line(out, "TcpServer.Token", secret(s.tcp_server.token));
    line(out, "TcpServer.AllowedClients", join(s.tcp_server.allowed_clients));
    line(out, "TcpServer.ListenParams", listenParams(s.tcp_server.listen_params));
    line(out, "Authentication.Login", s.auth.login);
    line(out, "Authentication.Password", secret(s.auth.password));
    line(out, "Authentication.PasswordHash", secret(s.auth.password_hash));
    line(out, "Authentication.HideUnknownLogin", onOff(s.auth.hide_unknown_login));
    line(out, "Accounts.File", s.accounts_file);
    for (std::size_t i = 0; i < s.accounts.size(); ++i) {
        const Account& a = s.accounts[i];
        line(out,
            fmt::format("Accounts[{}]", i),
            fmt::format("systemId={} password={} passwordHash={} maxSessions={} throttleRate={} "
                        "allowedIps={} addressRange={}",
                a.system_id,
                secret(a.password),
                secret(a.password_hash),
                a.max_sessions,
                a.throttle_rate,
                join(a.allowed_ips),
                a.address_range));
    }
}

void describeOperations(std::string& out, const Settings& s)
{
    line(out, "Job.StatusReport.Interval", s.job.status_report_interval.count());
    line(out, "Purge.Messages.Hour", s.purge.hour);
    line(out, "Purge.Messages.RetentionDays", s.purge.retention.count());
    line(out, "Store.Path", s.store.path);
    line(out, "Store.Synchronous", s.store.sync_full ? "full" : "normal");
    line(out, "Log.Directory", s.log.directory);
    line(out, "Log.Level", s.log.level);
    line(out, "Log.RotateSize", s.log.rotate_size);
    line(out, "Log.RetentionDays", s.log.retention_days);
    line(out, "Log.Keep", s.log.keep);
    line(out, "Log.Compress", onOff(s.log.compress));
    line(out, "Log.PduTrace", onOff(s.log.pdu_trace));
    line(out, "Admin.ListenHost", s.admin.listen_host);
    line(out, "Admin.ListenPort", s.admin.listen_port);
    line(out, "Launcher.HeartbeatInterval", s.launcher.heartbeat_interval.count());
    line(out, "Launcher.HeartbeatTimeout", s.launcher.heartbeat_timeout.count());
    line(out, "Launcher.MaxBackoff", s.launcher.max_backoff.count());
    line(out, "Launcher.StopGrace", s.launcher.stop_grace.count());
    line(out, "Launcher.StartTimeout", s.launcher.start_timeout.count());
}

} // namespace

std::string describe(const Settings& settings)
{
    std::string out;
    if (!settings.config_path.empty()) {
        line(out, "# file", settings.config_path);
    }
    describeServer(out, settings.server);
    describeHermes(out, settings);
    describeBridgeAndAccounts(out, settings);
    describeOperations(out, settings);
    return out;
}

std::string modeMeaning(const Settings& settings)
{
    if (settings.mode == Mode::Opportunity) {
        return "OPPORTUNITY: a standalone SMSC; a submit_sm goes to a bound receiver of its "
               "destination, else the built-in handset simulator answers with a receipt; "
               "nothing is sent to Hermes";
    }
    const auto& bridge = settings.tcp_server;
    return fmt::format("VOCALCOM: each submit_sm is pushed to Hermes at {}; the Hermes plugin's "
                       "messages come through the bridge on {}:{} and go to the bound receivers",
        maskedUrl(settings.hermes.url),
        bridge.listen_host.empty() ? "*" : bridge.listen_host,
        bridge.listen_port);
}

std::vector<std::string> startupNotices(const Settings& settings)
{
    std::vector<std::string> notices;
    // SMPP 3.4 caps system_id at 15 characters; the original product's default has 16.
    constexpr std::size_t kSystemIdMax = 15;
    const auto& id = settings.server.smsc_identifier;
    if (id.size() > kSystemIdMax) {
        notices.push_back(fmt::format("Server.SMSCIdentifier='{}' has {} characters, SMPP 3.4 "
                                      "allows {}: bind responses carry '{}'",
            id,
            id.size(),
            kSystemIdMax,
            id.substr(0, kSystemIdMax)));
    }
    return notices;
}

} // namespace smppd
