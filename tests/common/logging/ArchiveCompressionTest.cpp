#include "common/logging/ArchiveCompression.h"

#include "tests/support/TempDir.h"

#include <Poco/InflatingStream.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using smppd::test::TempDir;

namespace {

std::string inflated(const std::filesystem::path& gz)
{
    std::ifstream raw(gz, std::ios::binary);
    Poco::InflatingInputStream inflate(raw, Poco::InflatingStreamBuf::STREAM_GZIP);
    return std::string(std::istreambuf_iterator<char>(inflate), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("compressArchives gzips the plain archives only, at the pace asked", "[logging]")
{
    TempDir dir;
    const auto log = dir.path() / "smppd.log";
    const auto archive = dir.path() / "smppd.log.20261207000000000";
    const auto done = dir.path() / "smppd.log.20261206000000000.gz";
    const auto other = dir.path() / "launcher.log.20261207000000000";
    std::string text;
    for (int i = 0; text.size() < 300 * 1024; ++i) {
        text += "2026-12-07T00:00:00.000000Z level=info event=fill i=" + std::to_string(i) + "\n";
    }
    for (const auto& p : {log, archive, other}) {
        std::ofstream(p, std::ios::binary) << text;
    }
    std::ofstream(done, std::ios::binary) << "already";

    const auto start = std::chrono::steady_clock::now();
    const auto errors = logging::compressArchives(log.string(), 1024 * 1024); // 1 MiB/s
    const auto took = std::chrono::steady_clock::now() - start;

    CHECK(errors.empty());
    CHECK(took >= std::chrono::milliseconds(250)); // 300 KiB at 1 MiB/s
    CHECK_FALSE(std::filesystem::exists(archive));
    REQUIRE(std::filesystem::exists(archive.string() + ".gz"));
    CHECK(inflated(archive.string() + ".gz") == text);
    CHECK(std::filesystem::exists(log)); // the current file is not an archive
    CHECK(std::filesystem::exists(other)); // another log's archive is left alone
    std::ifstream kept(done);
    CHECK(std::string(std::istreambuf_iterator<char>(kept), std::istreambuf_iterator<char>())
        == "already");
}
