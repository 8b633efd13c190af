#include "smppd/store/SqliteStoreReader.h"

#include "smppd/store/PhoneNumber.h"
#include "smppd/store/SqliteMessageStore.h"
#include "smppd/store/StoreError.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

using namespace std::chrono_literals;
using smppd::Message;
using smppd::SqliteStoreReader;

namespace {

const smppd::TimePoint kT0{std::chrono::milliseconds(1'790'000'000'000)};

Message message(const std::string& from, const std::string& to, smppd::TimePoint submitted)
{
    Message m;
    m.origin = "esme1";
    m.target = {smppd::TargetKind::Hermes, ""};
    m.source_addr = from;
    m.destination_addr = to;
    m.payload = "hi";
    m.submit_time = submitted;
    m.expiry_time = submitted + 48h;
    return m;
}

/// A store at `path` holding `messages` (ids 1, 2...), closed again unless kept by the caller.
std::unique_ptr<smppd::SqliteMessageStore> fill(
    const std::string& path, const std::vector<Message>& messages)
{
    auto store = std::make_unique<smppd::SqliteMessageStore>(smppd::SqliteStoreOptions{path});
    for (const auto& m : messages) {
        store->insert(m, {});
    }
    store->flush();
    return store;
}

smppd::AddressQuery query(const std::string& number, std::size_t limit = 100)
{
    return smppd::AddressQuery{smppd::phoneNumberKey(number), std::nullopt, std::nullopt, limit};
}

std::vector<std::int64_t> ids(const smppd::AddressMatches& matches)
{
    std::vector<std::int64_t> out;
    for (const auto& m : matches.messages) {
        out.push_back(m.id);
    }
    return out;
}

} // namespace

TEST_CASE("the reader sees a running store without its lock and writes nothing", "[store]")
{
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    const auto store = fill(path, {message("336000001", "33612345678", kT0)});
    SqliteStoreReader reader(path); // the store holds <path>.lock: the reader must not need it
    const auto found = reader.find(1);
    REQUIRE(found);
    CHECK(found->destination_addr == "33612345678");
    CHECK(found->submit_time == kT0);
    CHECK_FALSE(reader.find(2));
    SECTION("the store goes on writing while the reader is open")
    {
        store->insert(message("336000001", "33600000002", kT0 + 1s), {});
        store->flush();
        CHECK(reader.find(2));
    }
    SECTION("a read-only connection cannot write")
    {
        smppd::SqliteConnection ro(path, smppd::SqliteConnection::OpenMode::ReadOnly);
        CHECK_THROWS_AS(ro.exec("DELETE FROM messages"), smppd::StoreError);
    }
}

TEST_CASE("the reader never creates a missing store", "[store]")
{
    smppd::test::TempDir dir;
    const auto path = dir.file("none.db");
    CHECK_THROWS_AS(SqliteStoreReader(path), smppd::StoreError);
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("the reader opens a store closed by smppd (no -wal, no -shm left)", "[store]")
{
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    fill(path, {message("336000001", "33612345678", kT0)}).reset();
    SqliteStoreReader reader(path);
    CHECK(reader.find(1));
}

TEST_CASE("find-address matches either address in any spelling, newest first", "[store]")
{
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    fill(path,
        {message("336000001", "+33612345678", kT0), // 1: to the number
            message("0033612345678", "336000009", kT0 + 1min), // 2: from it
            message("336000001", "33699999999", kT0 + 2min), // 3: another number
            message("VOCALCOM", "33612345678", kT0 + 3min)}); // 4: to it, alphanumeric sender
    SqliteStoreReader reader(path);
    const std::string number = GENERATE("33612345678", "+33612345678", "0033612345678");
    CHECK(ids(reader.findAddress(query(number))) == std::vector<std::int64_t>{4, 2, 1});
    CHECK(reader.findAddress(query("33600000000")).messages.empty());
}

TEST_CASE("find-address keeps to the time range and the limit", "[store]")
{
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    std::vector<Message> messages;
    for (int i = 0; i < 10; ++i) {
        messages.push_back(message("336000001", "33612345678", kT0 + i * 1h));
    }
    fill(path, messages);
    SqliteStoreReader reader(path);
    SECTION("since is inclusive, until exclusive")
    {
        auto q = query("33612345678");
        q.since = kT0 + 2h;
        q.until = kT0 + 5h;
        CHECK(ids(reader.findAddress(q)) == std::vector<std::int64_t>{5, 4, 3});
    }
    SECTION("the limit cuts the oldest and says there are more")
    {
        const auto matches = reader.findAddress(query("33612345678", 3));
        CHECK(ids(matches) == std::vector<std::int64_t>{10, 9, 8});
        CHECK(matches.more);
        CHECK_FALSE(reader.findAddress(query("33612345678", 10)).more);
    }
}

TEST_CASE("find-address reads a store larger than one chunk, newest first", "[store]")
{
    // kChunkRows is 10000: 25000 rows make the scan cross chunk boundaries.
    smppd::test::TempDir dir;
    const auto path = dir.file("smppd.db");
    std::vector<Message> messages;
    for (int i = 0; i < 25000; ++i) {
        const bool ours = i % 5000 == 0;
        messages.push_back(
            message("336000001", ours ? "33612345678" : "33699999999", kT0 + i * 1s));
    }
    fill(path, messages);
    SqliteStoreReader reader(path);
    CHECK(ids(reader.findAddress(query("33612345678")))
        == std::vector<std::int64_t>{20001, 15001, 10001, 5001, 1});
    auto q = query("33612345678");
    q.since = kT0 + 9000s;
    CHECK(ids(reader.findAddress(q)) == std::vector<std::int64_t>{20001, 15001, 10001});
}
