#pragma once

namespace smppd {

/// Gives the heap memory the allocator keeps free back to the operating system. glibc keeps
/// what a burst freed in its arenas (RSS stays at the peak: 170+ MiB after a receipt backlog
/// of a few hundred thousand messages, of which 30 MiB were still in use); malloc_trim returns
/// it. jemalloc (cmake/Allocator.cmake) returns it over ~10 s, and only while the process
/// allocates: its arenas are purged at once. One implementation file per platform:
/// FreeMemoryPosix.cpp, FreeMemoryWindows.cpp.
void releaseFreeMemory();

} // namespace smppd
