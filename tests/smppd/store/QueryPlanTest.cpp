#include "smppd/store/MessageRow.h"
#include "smppd/store/SqliteConnection.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace {

/// The detail column of EXPLAIN QUERY PLAN for `sql`, one string per step.
std::vector<std::string> planOf(smppd::SqliteConnection& db, const char* sql)
{
    const std::string explain = std::string("EXPLAIN QUERY PLAN ") + sql;
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.handle(), explain.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<std::string> steps;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        steps.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)));
    }
    sqlite3_finalize(stmt);
    return steps;
}

} // namespace

TEST_CASE("open messages are read through their partial index, never by a table scan", "[store]")
{
    // The expiry pass runs in the writer's transaction every 10 s: a scan of a table of
    // millions of kept messages stalled every commit behind it for hundreds of milliseconds.
    smppd::SqliteConnection db(":memory:");
    db.exec(smppd::message_row::kSchema);
    for (const char* sql : {smppd::message_row::kSelectExpired,
             smppd::message_row::kSelectUnfinished,
             smppd::message_row::kSelectOpenIds}) {
        INFO(sql);
        const auto plan = planOf(db, sql);
        REQUIRE_FALSE(plan.empty());
        CHECK(plan.front().find("USING INDEX messages_open") != std::string::npos);
        for (const auto& step : plan) {
            CHECK(step != "SCAN messages");
        }
    }
}

TEST_CASE("pending receipts are read through their partial index, by pages", "[store]")
{
    // The status-report pass reads them every 10 s, on the reader connection: a long read there
    // holds the WAL checkpoint back, and the checkpoint holds every commit back.
    smppd::SqliteConnection db(":memory:");
    db.exec(smppd::message_row::kSchema);
    const auto rows = planOf(db, smppd::message_row::kSelectPendingReceipts);
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()
        == "SEARCH messages USING INDEX messages_receipt_pending (receipt=? AND rowid>?)");
    const auto ids = planOf(db, smppd::message_row::kSelectPendingReceiptIds);
    REQUIRE(ids.size() == 1);
    CHECK(ids.front()
        == "SEARCH messages USING COVERING INDEX messages_receipt_pending (receipt=? AND rowid>?)");
}
