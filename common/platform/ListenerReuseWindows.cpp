#include "common/platform/ListenerReuse.h"

namespace smpp::platform {

bool listenersReuseAddress() noexcept
{
    // Windows' SO_REUSEADDR would let a second smppd bind a port the first one listens on (and
    // take its connections); a listener binds over TIME_WAIT without it.
    return false;
}

} // namespace smpp::platform
