#pragma once

namespace smpp::platform {

/// Whether a listening socket sets SO_REUSEADDR before it binds. The option means two different
/// things: on POSIX it lets a restarted server bind its port at once over connections left in
/// TIME_WAIT, and never lets it bind a port another socket listens on; on Windows it lets a
/// socket bind a port that another one is listening on, and is not needed over TIME_WAIT.
bool listenersReuseAddress() noexcept;

} // namespace smpp::platform
