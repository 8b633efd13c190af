#include "common/platform/ListenerReuse.h"

namespace smpp::platform {

bool listenersReuseAddress() noexcept
{
    return true; // restart over TIME_WAIT; a port in use is still refused (EADDRINUSE)
}

} // namespace smpp::platform
