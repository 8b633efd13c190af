#include "tests/smppd/store/FaultVfs.h"

#include <sqlite3.h>

#include <stdexcept>

namespace smppd::test {

std::atomic<bool> FaultVfs::full{false};
std::atomic<long> FaultVfs::failed_writes{0};

namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};

/// Our file: its methods, then the real VFS's file right behind it.
struct FaultFile {
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<FaultFile*>(f)->real;
}

int xClose(sqlite3_file* f)
{
    return real(f)->pMethods->xClose(real(f));
}
int xRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset)
{
    return real(f)->pMethods->xRead(real(f), out, amount, offset);
}
int xWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset)
{
    if (FaultVfs::full.load()) {
        ++FaultVfs::failed_writes;
        return SQLITE_FULL;
    }
    return real(f)->pMethods->xWrite(real(f), data, amount, offset);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
int xSync(sqlite3_file* f, int flags)
{
    return real(f)->pMethods->xSync(real(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int lock)
{
    return real(f)->pMethods->xLock(real(f), lock);
}
int xUnlock(sqlite3_file* f, int lock)
{
    return real(f)->pMethods->xUnlock(real(f), lock);
}
int xCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int xShmMap(sqlite3_file* f, int page, int size, int extend, volatile void** out)
{
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int remove)
{
    return real(f)->pMethods->xShmUnmap(real(f), remove);
}

// Version 2 (no xFetch/xUnfetch): SQLite then reads without memory mapping.
const sqlite3_io_methods kMethods{2,
    xClose,
    xRead,
    xWrite,
    xTruncate,
    xSync,
    xFileSize,
    xLock,
    xUnlock,
    xCheckReservedLock,
    xFileControl,
    xSectorSize,
    xDeviceCharacteristics,
    xShmMap,
    xShmLock,
    xShmBarrier,
    xShmUnmap,
    nullptr,
    nullptr};

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags)
{
    auto* ours = reinterpret_cast<FaultFile*>(file);
    ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
    ours->base.pMethods = nullptr;
    const int rc = g_real->xOpen(g_real, name, ours->real, flags, out_flags);
    if (rc == SQLITE_OK && ours->real->pMethods != nullptr) {
        ours->base.pMethods = &kMethods;
    }
    return rc;
}

} // namespace

FaultVfs::FaultVfs()
{
    full = false;
    failed_writes = 0;
    g_real = sqlite3_vfs_find(nullptr);
    if (g_real == nullptr) {
        throw std::runtime_error("no default SQLite VFS");
    }
    g_vfs = *g_real; // every other method is the real one's
    g_vfs.iVersion = 1 < g_real->iVersion ? g_real->iVersion : 1;
    g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
    g_vfs.zName = "smppd-test-fault";
    g_vfs.pNext = nullptr;
    g_vfs.xOpen = xOpen;
    sqlite3_vfs_register(&g_vfs, 1);
}

FaultVfs::~FaultVfs()
{
    full = false;
    sqlite3_vfs_unregister(&g_vfs);
    sqlite3_vfs_register(g_real, 1); // the real one is the default again
}

} // namespace smppd::test
