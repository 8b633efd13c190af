#include "smppd/app/FreeMemory.h"

#include <cstdlib> // defines __GLIBC__ on glibc (through <features.h>): test it only after this

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace smppd {

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    // Other C libraries (musl, the BSDs) give free pages back on their own.
}

} // namespace smppd
