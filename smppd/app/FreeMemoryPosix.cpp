#include "smppd/app/FreeMemory.h"

#include <cstdlib> // defines __GLIBC__ on glibc (through <features.h>): test it only after this

#if defined(SMPPD_HAVE_JEMALLOC)
#include <jemalloc/jemalloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace smppd {

void releaseFreeMemory()
{
#if defined(SMPPD_HAVE_JEMALLOC)
    // Every arena's dirty pages, now (jemalloc's own decay would take them back over ~10 s,
    // and only while the process allocates).
#define SMPPD_STRINGIFY_(x) #x
#define SMPPD_STRINGIFY(x) SMPPD_STRINGIFY_(x)
    mallctl("arena." SMPPD_STRINGIFY(MALLCTL_ARENAS_ALL) ".purge", nullptr, nullptr, nullptr, 0);
#undef SMPPD_STRINGIFY
#undef SMPPD_STRINGIFY_
#elif defined(__GLIBC__)
    malloc_trim(0);
#endif
    // Other C libraries (musl, the BSDs) give free pages back on their own.
}

} // namespace smppd
