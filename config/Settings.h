#pragma once

#include "config/ConfigError.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smppd {

/// The origin of the Hermes plugin's messages in the store: no account may have this system id
/// (the config refuses it), or it would take their receipts.
inline constexpr std::string_view kBridgeOrigin = "bridge";

/// Back end selected by the `Mode` key (architecture §1). Parsed case-insensitively.
enum class Mode {
    Opportunity, ///< standalone store-and-forward SMSC, no Hermes (the default)
    Vocalcom ///< inbound messages are pushed to Hermes (UrlHermes), outbound come from the bridge
};

/// `Server.MessageIdFormat`: how message ids are written on the wire (architecture §4.2).
enum class MessageIdFormat { Decimal, Hex };

/// `Hermes.PushFormat`: body of the Hermes POST (architecture §4.3).
enum class PushFormat { Json, Form };

/// `Server.ListenParams`, parsed from `k=v;k=v` (keys: tls, cert, key, ca).
/// Paths are resolved against the config file's folder. When tls is true, cert and key are set.
struct ListenParams {
    bool tls = false;
    std::string cert; ///< PEM certificate chain file
    std::string key; ///< PEM private key file
    std::string ca; ///< optional CA file to verify client certificates; empty = no client auth
};

/// The SMPP listener and per-session limits (`Server.*`).
struct ServerSettings {
    std::string listen_host; ///< "" = all interfaces, IPv4 and IPv6 ("*" is read as "")
    std::uint16_t listen_port = 2346; ///< 0 = ephemeral (tests)
    ListenParams listen_params;
    std::chrono::seconds keep_alive_interval{600}; ///< idle time before enquire_link; 0 = never
    std::uint32_t throttle_rate = 0; ///< max submit_sm per second per session; 0 = unlimited
    /// system_id in bind responses, 1..16 characters. The original default has 16, one more
    /// than SMPP 3.4's C-Octet String (16 octets with NUL) allows; it is kept for compatibility.
    std::string smsc_identifier = "opportunity-smsc";
    std::chrono::milliseconds disconnect_after_logout{10000}; ///< after unbind_resp
    std::uint32_t max_sessions_per_account = 2;
    std::uint32_t max_connections = 1000;
    std::chrono::seconds bind_timeout{30}; ///< a connection must bind within this time
    std::chrono::seconds response_timeout{30}; ///< wait for a *_resp before giving up
    std::uint32_t window_size = 1000; ///< unanswered requests per session; beyond: ESME_RTHROTTLED
    /// `Server.DeliverWindow` [10]: deliver_sm sent to a receiver session and not yet answered;
    /// further messages wait in the router's queue.
    std::uint32_t deliver_window = 10;
    MessageIdFormat message_id_format = MessageIdFormat::Decimal;
    std::uint32_t max_pdu_length = 65536 + 1024; ///< larger command_length is rejected
};

/// Background jobs (`Job.*`).
struct JobSettings {
    std::chrono::seconds status_report_interval{10}; ///< `Job.StatusReport.Interval`
};

/// Daily purge of final messages (`Purge.Messages.*`).
struct PurgeSettings {
    int hour = 1; ///< `Purge.Messages.Hour`, 0-23 local time
    std::chrono::days retention{7}; ///< `Purge.Messages.RetentionDays`
};

/// The HTTPS pusher to Hermes (`UrlHermes`, `Hermes.*`), used in Mode::Vocalcom.
struct HermesSettings {
    std::string url; ///< `UrlHermes`; may hold {campaign} {from} {to} {id}; required in VOCALCOM
    std::uint32_t concurrency = 8; ///< parallel pushes
    std::chrono::seconds timeout{10}; ///< per request
    std::chrono::seconds max_retry_backoff{300}; ///< cap of the exponential retry backoff
    PushFormat push_format = PushFormat::Json;
    std::string auth_header; ///< e.g. "Bearer xyz" sent as Authorization; empty = none (secret)
    std::string ca_file; ///< resolved path of extra CAs, on top of the system store; empty = none
    bool tls_verify = true;
};

/// The bridge listener for the Hermes plugin (`TcpServer.*`, architecture §4.4).
struct TcpServerSettings {
    std::string listen_host; ///< "" = all interfaces
    std::uint16_t listen_port = 18182;
    /// empty = no token required (secret). Either the token itself or its hash
    /// (looksLikePasswordHash(): `$scrypt$...`, from `smppd --hash-password`).
    std::string token;
    std::vector<std::string> allowed_clients; ///< IPs or CIDR blocks (a.b.c.d/n); empty = any
    ListenParams listen_params; ///< `TcpServer.ListenParams`: TLS on the bridge
};

/// `Authentication.Login` / `Authentication.Password`: the single account of the original product.
struct AuthSettings {
    std::string login = "admin";
    std::string password = "vocalcom"; ///< secret; "" when password_hash is given
    /// `Authentication.PasswordHash`: the password's hash string (config/PasswordHash.h) instead
    /// of the password itself; "" = none. Never both.
    std::string password_hash;
    /// `Authentication.HideUnknownLogin` [false]: answer a bind with an unknown system_id
    /// ESME_RINVPASWD (0x0E), as a wrong password, instead of ESME_RINVSYSID (0x0F), so that a
    /// client cannot probe which accounts exist. Applies to Accounts.File accounts too.
    bool hide_unknown_login = false;
};

/// One account an ESME can bind with. Built from `Accounts.File`, or else from Authentication.*
/// with Server.MaxSessionsPerAccount and Server.ThrottleRate.
struct Account {
    std::string system_id;
    std::string password; ///< secret; "" when password_hash is set
    std::string password_hash; ///< hash string (config/PasswordHash.h); "" = use password
    std::uint32_t max_sessions = 2;
    std::uint32_t throttle_rate = 0; ///< submit_sm per second per session; 0 = unlimited
    std::vector<std::string> allowed_ips; ///< IPs or CIDR blocks; empty = any
    /// Accounts.File `addressRange`: a regular expression (ECMAScript, searched as a bind's
    /// address_range is) over the campaign numbers this account owns; the bridge gives a
    /// message to the first account in file order whose range matches its campaign number.
    /// "" = the account owns every campaign number (the single account of Authentication.*).
    std::string address_range;
};

/// `Message.*`.
struct MessageSettings {
    std::chrono::hours validity{48}; ///< `Message.ValidityHours`: after this, EXPIRED
    /// `Message.HandsetDelay` [50 ms]: OPPORTUNITY mode's simulated handset answers DELIVRD this
    /// long after the commit, so that the receipt follows the submit_sm_resp.
    std::chrono::milliseconds handset_delay{50};
    /// `Message.MaxQueuedPerAccount` [500000]: messages waiting for one account's receivers
    /// beyond which submit_sm is answered ESME_RMSGQFUL.
    std::uint32_t max_queued_per_account = 500000;
    /// `Message.MaxHeldReceiptsPerAccount` [100000]: receipts waiting for one account's
    /// receivers that are held in memory; the others wait in the store only (receipt Pending)
    /// and come back as the account drains.
    std::uint32_t max_held_receipts_per_account = 100000;
};

/// `Store.*`.
struct StoreSettings {
    std::string path; ///< resolved SQLite file path (default <config dir>/data/smppd.db);
                      ///< ":memory:" is kept as is
    /// `Store.Synchronous` [full]: `full` fsyncs the WAL at every group commit (an acknowledged
    /// message survives a power loss); `normal` survives a process crash (SIGKILL) but may lose
    /// the last commits on a power loss, for a disk whose fsync is slow.
    bool sync_full = true;
};

/// `Log.*` (architecture §4.6). Maps onto logging::LogOptions.
struct LogSettings {
    std::string directory; ///< resolved (default <config dir>/logs)
    std::string level = "information"; ///< a Poco level name; "info"/"warn" are normalised
    std::uint64_t rotate_size = 10ULL * 1024 * 1024; ///< bytes; the key accepts "10 M", "512 K"
    /// `Log.RetentionDays`: archives (rotated by size and by UTC day) are deleted after this many
    /// days; 0 = keep `Log.Keep` archives whatever their age.
    std::uint32_t retention_days = 14;
    std::uint32_t keep = 10; ///< `Log.Keep`: archives kept when Log.RetentionDays is 0
    bool compress = true; ///< `Log.Compress` (added): gzip the archives
    bool pdu_trace = false; ///< write pdu-trace.log
};

/// `Admin.*`: HTTP /health and /metrics.
struct AdminSettings {
    std::string listen_host = "127.0.0.1";
    std::uint16_t listen_port = 0; ///< 0 = off
};

/// `Launcher.*`: the watchdog's heartbeat and restart policy.
struct LauncherSettings {
    std::chrono::seconds heartbeat_interval{1};
    std::chrono::seconds heartbeat_timeout{10}; ///< always > heartbeat_interval
    std::chrono::seconds max_backoff{30};
    /// `Launcher.StopGrace` [30 s]: after asking smppd to stop, wait this long for it to exit
    /// (unbinds, store flush) before killing it.
    std::chrono::seconds stop_grace{30};
    /// `Launcher.StartTimeout` [60 s]: time a new smppd has to send its first heartbeat (load
    /// the store, open the listeners); HeartbeatTimeout applies from the first beat on.
    std::chrono::seconds start_timeout{60};
};

/// A setting that is accepted but unsafe, named by its key.
struct SecurityWarning {
    std::string event; ///< log event name, e.g. default_password
    std::string key; ///< the config key to change, e.g. Authentication.Password
    std::string message; ///< one line for the log and /health
    bool operator==(const SecurityWarning&) const = default;
};

/// Every key of architecture §4.1, typed and validated. Build it with loadSettings() or
/// parseSettings(); a default-constructed Settings holds the documented defaults, except the
/// paths (store.path, log.directory) and accounts, which only the parser fills in.
struct Settings {
    std::string config_path; ///< the file read ("" for parseSettings)
    std::string base_dir; ///< folder relative paths are resolved against
    Mode mode = Mode::Opportunity;
    ServerSettings server;
    JobSettings job;
    PurgeSettings purge;
    HermesSettings hermes;
    TcpServerSettings tcp_server; ///< the bridge
    AuthSettings auth;
    std::string accounts_file; ///< `Accounts.File`, resolved; empty = none
    std::vector<Account> accounts; ///< never empty after parsing
    MessageSettings message;
    StoreSettings store;
    LogSettings log;
    AdminSettings admin;
    LauncherSettings launcher;
    std::vector<std::string> warnings; ///< e.g. unknown keys; log them, do not stop
    /// Insecure but accepted settings (the spec's default password on a listener reachable
    /// beyond loopback): logged at startup and listed by /health. See securityWarnings().
    std::vector<SecurityWarning> security_warnings;
};

/// Reads and validates the appSettings file at `path`. Relative paths in it are resolved against
/// the file's folder. Throws ConfigError (one line naming file/key/value/expectation) when the
/// file is missing or unreadable, the XML is malformed, or any value is wrong.
Settings loadSettings(const std::string& path);

/// Same as loadSettings() for an in-memory document; relative paths resolve against `base_dir`
/// (an empty base_dir means the current directory).
Settings parseSettings(std::string_view xml, const std::string& base_dir);

/// The effective settings, one `Key=value` line per key, in the §4.1 key names, with secrets
/// (passwords, tokens, auth headers) shown as `****`. Used by `smppd --check-config FILE`.
std::string describe(const Settings& settings);

/// True when `host` is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x) or "localhost".
/// "" (every interface) and any other name are not.
bool isLoopbackHost(std::string_view host);

/// The login and password the original product ships with (architecture §4.1).
inline constexpr std::string_view kSpecDefaultLogin = "admin";
inline constexpr std::string_view kSpecDefaultPassword = "vocalcom";

/// What is unsafe yet accepted in `settings`: an account whose password is still
/// kSpecDefaultPassword while the SMPP listener is reachable beyond loopback. One entry per
/// account, naming its key. A password hash is checked (it costs a hash run) for the
/// Authentication.* account and an accounts file's kSpecDefaultLogin only.
/// parseSettings() fills Settings::security_warnings with it.
std::vector<SecurityWarning> securityWarnings(const Settings& settings);

/// What the mode means for this file, in one sentence: what answers a submit_sm and what is sent
/// to Hermes (logged at start-up as event=mode, printed by --check-config).
std::string modeMeaning(const Settings& settings);

/// Start-up warnings about values that work but do not do what they seem to (logged at start-up
/// and printed by --check-config). Not Settings::warnings, which are about the file itself.
std::vector<std::string> startupNotices(const Settings& settings);

/// "OPPORTUNITY" / "VOCALCOM".
std::string_view toString(Mode mode);

} // namespace smppd
