#pragma once

#include "smppd/store/SqliteMessageStore.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace smppd::test {

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
