#include "smppd/routing/ReceiptBook.h"

#include <utility>

namespace smppd {

bool ReceiptBook::add(Receipt receipt)
{
    const std::int64_t id = receipt->id;
    return held_.emplace(id, std::move(receipt)).second;
}

bool ReceiptBook::isCurrent(const Receipt& receipt) const
{
    const auto it = held_.find(receipt->id);
    return it != held_.end() && it->second == receipt;
}

void ReceiptBook::settled(std::int64_t id, bool committed)
{
    held_.erase(id);
    if (committed && passes_ > 0) {
        settled_in_pass_.insert(id); // a page of the pass may have read it Pending before
    }
}

void ReceiptBook::endPass()
{
    if (passes_ > 0 && --passes_ == 0) {
        settled_in_pass_.clear(); // no page read before a settle is left to check
    }
}

} // namespace smppd
