# jemalloc as smppd's allocator on Linux, when found. smppd hands objects from thread to thread
# (a connection thread allocates a message, the store writer and completer threads free it);
# glibc's arenas pay for that with locks and consolidation: malloc and free were 14% of smppd's
# perf samples in the bridge benchmark, and with jemalloc smppd's CPU for 200k bridge messages
# went from 5.57-5.83 s to 3.95-4.06 s.
# Not under the sanitizers, which bring their own allocator, and not on Windows (its heap is
# per-process and low-fragmentation already). The target smppd::allocator is empty without it.
option(SMPPD_JEMALLOC "Link smppd with jemalloc when it is installed (Linux)" ON)

add_library(smppd_allocator INTERFACE)
add_library(smppd::allocator ALIAS smppd_allocator)
if(SMPPD_JEMALLOC AND NOT WIN32 AND NOT SMPPD_SANITIZE)
    find_library(JEMALLOC_LIBRARY NAMES jemalloc)
    find_path(JEMALLOC_INCLUDE_DIR jemalloc/jemalloc.h)
    if(JEMALLOC_LIBRARY AND JEMALLOC_INCLUDE_DIR)
        target_link_libraries(smppd_allocator INTERFACE ${JEMALLOC_LIBRARY})
        target_include_directories(smppd_allocator INTERFACE ${JEMALLOC_INCLUDE_DIR})
        target_compile_definitions(smppd_allocator INTERFACE SMPPD_HAVE_JEMALLOC=1)
        message(STATUS "smppd: allocator jemalloc (${JEMALLOC_LIBRARY})")
    else()
        message(STATUS "smppd: allocator of the C library (jemalloc not found: apt-get install libjemalloc-dev)")
    endif()
endif()
