#include "smppd/routing/ReceiptBook.h"

#include <catch2/catch.hpp>

#include <memory>

namespace {

smppd::ReceiptBook::Receipt receipt(std::int64_t id)
{
    auto message = std::make_shared<smppd::Message>();
    message->id = id;
    return message;
}

} // namespace

TEST_CASE("a receipt is held once, until it settles or is dropped", "[routing]")
{
    smppd::ReceiptBook book;
    const auto first = receipt(7);
    REQUIRE(book.add(first));
    CHECK_FALSE(book.add(receipt(7))); // held already: the first one stays
    CHECK(book.holds(7));
    CHECK(book.isCurrent(first));
    CHECK_FALSE(book.isCurrent(receipt(7))); // a copy read again from the store is stale
    book.settled(7, true);
    CHECK_FALSE(book.holds(7));
    CHECK_FALSE(book.known(7)); // no pass runs: a page read from now on sees it settled
    REQUIRE(book.add(receipt(8)));
    book.drop(8);
    CHECK_FALSE(book.known(8));
}

TEST_CASE("a receipt settled while a pass runs is known until the last pass ends", "[routing]")
{
    smppd::ReceiptBook book;
    book.add(receipt(1));
    book.add(receipt(2));
    book.beginPass();
    book.beginPass(); // a second, overlapping pass
    book.settled(1, true);
    book.settled(2, false); // not committed: still Pending in the store, the pass retries it
    CHECK(book.known(1));
    CHECK_FALSE(book.known(2));
    book.endPass();
    CHECK(book.known(1));
    book.endPass();
    CHECK_FALSE(book.known(1));
    book.endPass(); // one end too many changes nothing
    book.add(receipt(3));
    book.settled(3, true);
    CHECK_FALSE(book.known(3));
}
