#include "smppd/app/FreeMemory.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <unistd.h>
#include <vector>

// Under AddressSanitizer (or TSan) malloc is the sanitizer's own: there is nothing to release.
// Otherwise this runs against the allocator smppd links: jemalloc when found, else glibc's.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
namespace {

/// Resident set size of this process, from /proc (Linux).
long residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}

} // namespace

TEST_CASE("releaseFreeMemory gives a fragmented heap's free pages back to the OS")
{
    // 200k blocks of 512 bytes (100 MiB), then free all but every 64th: the free runs lie
    // between live blocks, so free() itself cannot shrink the heap (glibc only trims the top,
    // jemalloc waits for its ~10 s decay).
    constexpr std::size_t kBlocks = 200000;
    std::vector<std::unique_ptr<char[]>> blocks(kBlocks);
    for (auto& block : blocks) {
        block = std::make_unique<char[]>(512);
        block[0] = 1; // touched: resident
    }
    for (std::size_t i = 0; i < kBlocks; ++i) {
        if (i % 64 != 0) {
            blocks[i].reset();
        }
    }
    const long before = residentBytes();
    smppd::releaseFreeMemory();
    const long after = residentBytes();
    CHECK(before - after > 50L * 1024 * 1024);
}
#endif

TEST_CASE("releaseFreeMemory leaves live memory intact")
{
    std::vector<int> live(1000000, 7);
    smppd::releaseFreeMemory();
    CHECK(live.front() == 7);
    CHECK(live.back() == 7);
}
