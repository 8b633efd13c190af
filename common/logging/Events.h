#pragma once

#include <span>
#include <string>
#include <string_view>

/// The log vocabulary of smppd and the launcher: every line either program writes is
/// `<UTC timestamp> level=<level> event=<name> key=value ...`, and <name> is one of the events
/// below, always at its level. One list, like Kannel's smpp_pdu.def: the constants the code logs
/// with, `smppd --list-events` and the README's table are all made from it, and a test keeps the
/// README's copy equal to it.
///
/// X(name, level, keys, meaning). Keys in [brackets] are present only where they apply. The
/// message keys are always spelled message_id=, account= (the SMPP system_id owning the message
/// or the session) and session= (the connection number, from connection_accepted), so one grep,
/// or `smppd --trace`, follows a message or a session.
// clang-format off
#define SMPPD_LOG_EVENTS(X)                                                                        \
    /* start and stop */                                                                           \
    X(starting, info, "version config pid", "smppd is starting with this config file")             \
    X(mode, info, "mode meaning", "the Mode this smppd runs in, and what it means for messages")   \
    X(config_warning, warning, "warning", "a config value was accepted but is probably a mistake") \
    X(config_notice, warning, "notice", "a config value was adjusted (e.g. cut to the SMPP limit)")\
    X(default_password, warning, "key message", "an account still has the shipped password")      \
    X(started, info, "mode smpp_port accounts", "smppd is serving")                                \
    X(startup_failed, fatal, "error [key]", "smppd cannot start; the line names the key or path")  \
    X(store_open_failed, fatal, "key error", "the store cannot be opened; smppd exits 65")         \
    X(stop_requested, info, "", "a stop was asked (signal, service stop, launcher)")              \
    X(stopping, info, "connections", "unbinding the sessions and draining the store")              \
    X(stop_grace_exceeded, warning, "grace_ms", "sessions still open after the grace: closed")     \
    X(stop_failed, error, "error", "an error while stopping; the exit code says the rest")         \
    X(stopped, info, "", "every component has stopped")                                             \
    X(exit, info, "code", "smppd's exit code (see the README's exit codes)")                       \
    /* listeners and connections */                                                                \
    X(listening, info, "host port tls max_connections", "the SMPP listener is open")               \
    X(ipv6_unavailable, info, "port error", "no IPv6 on this host: listening on IPv4 only")        \
    X(connection_accepted, info, "session peer tls", "a TCP connection was accepted")              \
    X(accept_failed, warning, "error", "accepting a connection failed (e.g. no file descriptor)")   \
    X(connection_refused, warning, "peer reason", "a connection was closed at once (limit, stop)") \
    X(connection_lost_before_start, warning, "error", "the peer left before the session began")    \
    X(connection_error, info, "session peer [account] error", "the connection ended on an error")  \
    X(connection_failure, error, "session peer [account] error", "an unexpected internal error")   \
    X(peer_closed, info, "session peer [account]", "the peer closed the TCP connection")           \
    X(input_paused, info, "session account waiting_bytes", "the peer reads too slowly: stop reading it")   \
    X(input_resumed, info, "session account waiting_bytes", "the peer caught up: read it again")   \
    X(connection_closed, info, "session peer", "the connection is closed and released")            \
    /* SMPP sessions */                                                                            \
    X(bound, info, "session account mode peer interface_version", "a bind was accepted")           \
    X(bind_refused, warning, "session peer account status reason", "a bind was refused; then closed") \
    X(bind_timeout, info, "session peer after_s", "no bind within Server.BindTimeout: closed")     \
    X(framing_error, warning, "session peer [account] error", "bytes that are not SMPP: closed")    \
    X(partial_pdu_timeout, warning, "session peer [account] buffered", "a PDU never completed")    \
    X(request_refused, info, "session peer [account] command seq status error", "a request got an error status") \
    X(unsolicited_response, debug, "session peer command seq", "a response to nothing we sent")    \
    X(unexpected_response, debug, "session peer command seq", "a response of the wrong type")      \
    X(no_response, warning, "session peer account request", "a request of ours was not answered") \
    X(unbind_received, info, "session account peer in_flight", "the ESME unbinds")                 \
    X(unbind_sent, info, "session account peer reason", "smppd unbinds the ESME (server stop)")    \
    X(unbind_resp_received, info, "session account peer", "the ESME answered our unbind")          \
    X(session_closed, info, "session account peer", "the bound session ended")                     \
    /* a message's life, each step once */                                                          \
    X(submit_accepted, info, "account session seq message_id dest [multi]", "a submit_sm/data_sm/submit_multi destination was committed to the store and answered OK (accepted and stored are one step: nothing is acknowledged before it is stored)") \
    X(submit_failed, warning, "account session seq status", "a submit was refused for a reason other than a store fault") \
    X(submit_refused, debug, "account session seq status", "a submit refused during a store fault (counted; the fault is logged once as store_failed)") \
    X(bridge_accepted, info, "account campaign message_id dest", "a Hermes plugin send was committed and answered OK") \
    X(hermes_push, info, "message_id parts http_status outcome", "one HTTPS push attempt to Hermes that Hermes accepted") \
    X(hermes_push_failed, warning, "message_id parts http_status outcome [error]", "one push attempt that failed: outcome=retry (will be retried) or rejected (final)") \
    X(hermes_parts_incomplete, warning, "message_id parts total", "a long message is pushed without all its parts") \
    X(receipt_queued, info, "message_id account stat", "a delivery receipt was queued for the account's receivers") \
    X(deliver_sm_sent, info, "account session seq kind message_id delivery_id", "a deliver_sm (kind=receipt or message) was written to a receiver") \
    X(deliver_sm_answered, info, "account session seq kind message_id status", "the receiver answered that deliver_sm (status 0 = taken)") \
    X(deliver_sm_timeout, info, "account session kind message_id delivery_id", "the deliver_sm was not answered in time; it will be retried") \
    X(deliver_sm_refused, debug, "account session state in_flight delivery_id", "a deliver_sm offer found no room (requeued)") \
    X(deliver_sm_unencodable, error, "account session message_id error", "a stored message cannot be encoded as deliver_sm") \
    X(delivery_retry, info, "message_id kind attempt retry_in_ms error", "a delivery failed transiently and is scheduled again") \
    X(delivery_failed, warning, "message_id kind status", "a delivery failed permanently (the message ends UNDELIVERABLE)") \
    X(message_expired, info, "message_id account", "the message's validity ended before delivery (EXPIRED)") \
    X(message_cancelled, info, "message_id", "cancel_sm ended the message (DELETED)")               \
    X(message_replaced, info, "message_id", "replace_sm changed the message's content")            \
    X(purge_done, info, "purged cutoff", "one purge pass of final messages older than Purge.RetentionDays") \
    X(notification_dropped, info, "message_id status", "an intermediate notification was not needed any more") \
    X(unsendable, warning, "message_id error", "a stored message cannot be split into deliver_sm") \
    X(receipts_held_in_store, warning, "account held reason", "receipts wait in the store: the account's queue is full") \
    X(no_forwarder, warning, "message_id", "no Hermes pusher to send to (retried)")                 \
    X(cancel_receipt_lost, error, "message_id error", "the receipt of a cancelled message could not be read") \
    X(bad_address_range, warning, "range error", "a receiver's address_range is not a valid pattern") \
    /* Hermes */                                                                                    \
    X(hermes_pusher_started, info, "url concurrency format", "the HTTPS pusher to Hermes runs")   \
    X(hermes_tls_verify_off, warning, "url", "Hermes.TlsVerify=false: its certificate is not checked") \
    X(hermes_tls_trust, info, "source [certificates skipped] ca_file", "where the Hermes certificate is checked against") \
    /* the Hermes plugin bridge */                                                                  \
    X(bridge_listening, info, "host port tls token allowed_clients", "the plugin bridge is open") \
    X(bridge_stopped, info, "", "the plugin bridge is closed")                                     \
    X(bridge_connected, debug, "peer", "a plugin connection was accepted")                         \
    X(bridge_disconnected, info, "peer error", "a plugin connection ended")                        \
    X(bridge_no_account, warning, "campaign ref", "no account's addressRange owns this campaign number: the send is refused") \
    X(bridge_refused, info, "peer error message", "a plugin request was answered with an error")   \
    X(bridge_client_refused, warning, "peer reason", "a plugin connection refused: its address is not allowed, or 64 are open already") \
    X(bridge_line_too_long, warning, "peer", "a plugin request line over 64 KiB: closed")          \
    X(bridge_auth_failed, warning, "peer reason", "a plugin hello with a wrong or missing token")  \
    X(bridge_locked_out, warning, "peer", "too many failed hellos from this address: refused for a while") \
    X(bridge_input_paused, info, "peer pending_replies waiting_bytes", "the plugin reads its replies too slowly: stop reading it") \
    X(bridge_input_resumed, info, "peer pending_replies waiting_bytes", "the plugin caught up: read it again") \
    /* the store */                                                                                 \
    X(store_failed, error, "reason error path operations detail action", "the store stopped committing (disk full, I/O); submits are refused with 0x14 until store_recovered") \
    X(store_recovered, warning, "reason failed_operations duration_ms path", "the store commits again") \
    X(store_read_failed, error, "[message_id] error", "a read of the store failed (query_sm, cancel)") \
    X(completion_failed, error, "message_id error", "a store completion threw (a bug): logged, not lost") \
    X(wal_checkpoint, debug, "mode [wal_pages copied busy] ms", "one WAL checkpoint")               \
    X(wal_checkpoint_failed, warning, "mode error", "a WAL checkpoint failed (retried)")           \
    X(wal_checkpoint_recovered, warning, "failed_attempts", "WAL checkpoints work again")          \
    X(log_compress_failed, warning, "error", "a log archive could not be gzipped (it stays plain)") \
    X(log_lines_dropped, warning, "count", "the disk could not keep up: this many log lines were dropped (never messages)") \
    X(job_failed, error, "error", "a periodic job (expiry, purge, receipts) threw; it runs again")  \
    /* admin HTTP */                                                                                \
    X(admin_listening, info, "host port", "the admin endpoint (/health, /metrics) is open")       \
    X(admin_not_loopback, warning, "host port", "the admin endpoint listens beyond loopback")      \
    X(admin_stopped, info, "port", "the admin endpoint is closed")                                 \
    X(admin_request_failed, error, "uri error", "an admin request failed")                         \
    /* the launcher (launcher.log) */                                                               \
    X(launcher_started, info, "version pid config smppd", "the launcher runs")                     \
    X(launcher_config_problem, warning, "error", "the config has a problem smppd will refuse too") \
    X(smppd_missing, critical, "path", "smppd's executable is not beside the launcher")           \
    X(smppd_launch_failed, error, "path error", "smppd could not be started (retried)")           \
    X(smppd_launched, info, "pid start", "smppd was started")                                      \
    X(smppd_not_tied, warning, "pid error", "smppd would outlive a launcher crash")                \
    X(smppd_first_beat, debug, "pid after_s", "smppd's first heartbeat")                           \
    X(heartbeat_missed, warning, "pid phase silence_s timeout_s beats", "no heartbeat in time: smppd is killed and restarted") \
    X(heartbeat_read_failed, error, "pipe error", "the heartbeat pipe failed")                    \
    X(smppd_stopping, info, "pid grace_s", "the launcher stops smppd")                             \
    X(smppd_stopped, info, "pid exit", "smppd stopped when asked")                                 \
    X(smppd_exited_while_stopping, info, "exit", "smppd ended while the launcher was stopping")   \
    X(smppd_killed, warning, "pid grace_s", "smppd outlived the grace and was killed")             \
    X(smppd_kill_failed, warning, "pid error", "killing smppd failed")                             \
    X(smppd_terminate_failed, warning, "pid error", "asking smppd to stop failed")                 \
    X(smppd_exited, warning, "exit run_s reason restart_in_s failures recent_restarts", "smppd ended unasked: restarted after the delay") \
    X(smppd_not_restarted, error, "exit run_s reason hint", "smppd refused its config (64) or store (65): not restarted") \
    X(restart_storm, error, "restarts window_s", "many restarts in a short time; still restarting with backoff") \
    X(launcher_stop_idle, info, "", "a stop came while smppd was not running")                    \
    X(event_log_unavailable, warning, "source error", "the Windows Event Log cannot be written")   \
    X(launcher_failed, critical, "error", "the launcher itself failed")                            \
    X(launcher_exiting, info, "code", "the launcher's exit code")
// clang-format on

namespace logging {

/// One entry of the vocabulary. `priority` is a Poco::Message::Priority.
struct Event {
    std::string_view name;
    int priority;
    std::string_view level; ///< the level's name as written in the line
    std::string_view keys;
    std::string_view meaning;
};

namespace level {
// Poco::Message::Priority values, spelled as the lines spell them (no Poco include needed here).
inline constexpr int fatal = 1;
inline constexpr int critical = 2;
inline constexpr int error = 3;
inline constexpr int warning = 4;
inline constexpr int notice = 5;
inline constexpr int info = 6;
inline constexpr int debug = 7;
inline constexpr int trace = 8;
} // namespace level

/// The events as constants: logging::log(log_, ev::submit_accepted, "account={} ...", ...).
namespace ev {
#define SMPPD_LOG_EVENT_CONSTANT(name, lvl, keys, meaning)                                         \
    inline constexpr Event name{#name, level::lvl, #lvl, keys, meaning};
SMPPD_LOG_EVENTS(SMPPD_LOG_EVENT_CONSTANT)
#undef SMPPD_LOG_EVENT_CONSTANT
} // namespace ev

/// Every event, in the table's order.
std::span<const Event> allEvents();

/// The event called `name`; throws std::out_of_range for a name not in the vocabulary.
const Event& eventNamed(std::string_view name);

/// The vocabulary as the README's Markdown table (`smppd --list-events` prints it).
std::string eventTable();

} // namespace logging
