#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipc {

/// One heartbeat line, as smppd writes it and the launcher reads it (architecture §2):
/// `beat pid=1234 uptime=37 sessions=2 queued=15\n`.
struct Beat {
    std::uint64_t pid = 0; ///< the writing process
    std::uint64_t uptime = 0; ///< seconds since the writer was created
    std::uint64_t sessions = 0; ///< bound SMPP sessions
    std::uint64_t queued = 0; ///< messages not yet final in the store

    bool operator==(const Beat&) const = default;
};

/// The wire form of `beat`, newline included. Always shorter than 128 bytes, so one write()
/// to a FIFO is atomic (PIPE_BUF >= 512).
std::string formatBeat(const Beat& beat);

/// Parses one line (without its '\n'; a trailing '\r' is ignored). Fields may come in any
/// order; unknown `k=v` fields are ignored (so the line can grow); `pid` and `uptime` are
/// required. Returns nullopt for anything else: the launcher counts such lines, never trusts them.
std::optional<Beat> parseBeat(std::string_view line);

} // namespace ipc
