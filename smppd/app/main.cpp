#include "smppd/app/ExitCodes.h"
#include "smppd/app/SmppdApp.h"

#if defined(SMPPD_HAVE_JEMALLOC)
// jemalloc reads its options from this global (cmake/Allocator.cmake). Each thread that allocates
// gets a cache whose slot arrays are sized for the largest bin counts: ~50 KiB a thread by
// default, i.e. +52 MiB with 1000 bound sessions (one thread each). 32 slots per small size class
// keep ~15 KiB; the bridge benchmark's CPU per message did not change (4.31-4.62 s vs 4.55-4.58 s
// for 200k messages), RSS with 1000 sessions went from 134 to 104 MiB.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "tcache_nslots_small_max:32";
}
#endif

int main(int argc, char** argv)
{
    smppd::SmppdApp app;
    const int rc = app.run(argc, argv);
    // Poco answers option errors (unknown option, missing argument) with EXIT_CONFIG (78);
    // the launcher contract says 64 for bad arguments.
    return rc == Poco::Util::Application::EXIT_CONFIG ? smppd::kExitConfig : rc;
}
