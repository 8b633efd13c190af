#pragma once

#include "smppd/store/Message.h"
#include "smppd/store/SqliteConnection.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smppd {

/// One search of the support command `--find-address`.
struct AddressQuery {
    std::string number_key; ///< phoneNumberKey() of the number searched; not empty
    std::optional<TimePoint> since; ///< submitted at or after; none = no lower bound
    std::optional<TimePoint> until; ///< submitted before; none = no upper bound
    std::size_t limit = 100; ///< at most this many messages returned
};

/// What `--find-address` found.
struct AddressMatches {
    std::vector<Message> messages; ///< newest first, at most AddressQuery::limit
    bool more = false; ///< further messages match beyond the limit
};

/// A read-only view of the store for the support commands (`--trace`, `--find-address`), safe
/// to use while smppd runs: the file is opened SQLITE_OPEN_READONLY (never created, never
/// written), smppd's `<path>.lock` is not touched, and every read transaction is kept short,
/// because smppd's WAL checkpoint waits (up to 50 ms, holding commits back) for readers of
/// older snapshots.
class SqliteStoreReader {
public:
    /// Opens `path`. Throws StoreError when it cannot be opened (missing, not a database).
    explicit SqliteStoreReader(const std::string& path);

    /// The message `id`, or nullopt when the store has no such row (never stored, or purged).
    /// Throws StoreError (e.g. the file is not a smppd store).
    std::optional<Message> find(std::int64_t id);

    /// The messages from or to the number of `query`, newest first. Throws StoreError.
    AddressMatches findAddress(const AddressQuery& query);

private:
    /// Appends the matches with ids in [lo, hi] to `out`, newest first.
    void readChunk(
        std::int64_t lo, std::int64_t hi, const AddressQuery& query, AddressMatches& out);
    /// True when every message with an id in [lo, hi] was submitted before `since`.
    bool chunkOlderThan(std::int64_t lo, std::int64_t hi, TimePoint since);

    SqliteConnection db_;
};

} // namespace smppd
