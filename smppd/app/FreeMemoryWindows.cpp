#include "smppd/app/FreeMemory.h"

#include <malloc.h>
#include <windows.h>

namespace smppd {

void releaseFreeMemory()
{
    _heapmin(); // the C runtime's heap
    HeapCompact(GetProcessHeap(), 0); // coalesces and decommits free blocks of the process heap
}

} // namespace smppd
