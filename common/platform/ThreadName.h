#pragma once

namespace smpp::platform {

/// Names the calling thread for the operating system, so that `top -H`, `ps -L`, perf, gdb or
/// Windows' debuggers show which of smppd's threads is which (all would read "smppd").
/// Linux keeps the first 15 characters. Best effort: a refusal is ignored.
void nameCurrentThread(const char* name) noexcept;

} // namespace smpp::platform
