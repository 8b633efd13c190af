#pragma once

namespace smpp::platform {

/// Names the calling thread for the operating system, so that `top -H`, `ps -L`, perf, gdb or
/// Windows' debuggers show which of smppd's threads is which (all would read "smppd").
/// Linux keeps the first 15 characters. Best effort: a refusal is ignored.
void nameCurrentThread(const char* name) noexcept;

/// Runs the calling thread only when the CPU would otherwise be idle (Linux SCHED_IDLE, Windows
/// background mode, which also lowers its I/O priority): for housekeeping such as compressing
/// log archives, which must never take CPU from the messages. Best effort.
void idleCurrentThread() noexcept;

} // namespace smpp::platform
