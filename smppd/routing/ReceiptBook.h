#pragma once

#include "smppd/store/Message.h"

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace smppd {

/// The receipts the Router holds, queued, delayed or in flight, from the moment it takes them
/// until their new state (Sent, Failed) is committed; and, while a status-report pass runs, the
/// receipts settled since it began. Together they answer the pass's one question: must this
/// receipt, read Pending from the store, be queued again? Not if it is held, nor if it settled
/// after the page was read. One thread, the Router's.
class ReceiptBook {
public:
    using Receipt = std::shared_ptr<const Message>;

    /// Holds `receipt` (its id set); false, and nothing changes, when its id is held already.
    bool add(Receipt receipt);
    bool holds(std::int64_t id) const { return held_.contains(id); }
    /// `receipt` is the one held under its id (not a stale copy).
    bool isCurrent(const Receipt& receipt) const;
    /// Forgets `id` unsettled: it stays Pending in the store, and a later pass brings it back.
    void drop(std::int64_t id) { held_.erase(id); }
    /// `id`'s new state was committed (`committed`), or could not be (it is still Pending in the
    /// store, and the next pass retries it). Either way it is held no more.
    void settled(std::int64_t id, bool committed);

    /// A status-report pass begins; passes may overlap (each ends with endPass()).
    void beginPass() { ++passes_; }
    void endPass();
    /// Held, or settled during the running passes: a page read before need not queue it.
    bool known(std::int64_t id) const { return holds(id) || settled_in_pass_.contains(id); }

private:
    std::unordered_map<std::int64_t, Receipt> held_;
    /// Empty between passes: a page read after a commit sees it, so only a running pass needs
    /// them (and the set stays small under load).
    std::unordered_set<std::int64_t> settled_in_pass_;
    int passes_ = 0;
};

} // namespace smppd
