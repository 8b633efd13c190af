#pragma once

#include "smppd/store/SqliteMessageStore.h"

#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace smppd::test {

/// 2026-12-06T10:00:00Z, the tests' "now".
inline const smpp::TimePoint kT0{std::chrono::seconds(1'796'551'200)};

/// What a support command printed and returned.
struct CommandRun {
    int rc = 0;
    std::string out;
    std::string err;
};

/// Runs `command(request, out, err)` (runTrace, runFindAddress) and keeps what it printed.
template <typename Command, typename Request>
CommandRun runCommand(Command command, const Request& request)
{
    std::ostringstream out;
    std::ostringstream err;
    const int rc = command(request, out, err);
    return CommandRun{rc, out.str(), err.str()};
}

/// A message from `from` to `to` submitted at `submitted` (routed to Hermes).
inline Message supportMessage(
    const std::string& from, const std::string& to, smpp::TimePoint submitted)
{
    Message m;
    m.origin = "esme1";
    m.target = {TargetKind::Hermes, ""};
    m.source_addr = from;
    m.destination_addr = to;
    m.payload = "hi";
    m.submit_time = submitted;
    m.expiry_time = submitted + std::chrono::hours(48);
    return m;
}

/// Writes `messages` (ids 1, 2...) into a new store at `path` and closes it.
inline void writeStore(const std::string& path, const std::vector<Message>& messages)
{
    SqliteMessageStore store(SqliteStoreOptions{path});
    for (const auto& m : messages) {
        store.insert(m, {});
    }
    store.flush();
}

} // namespace smppd::test
