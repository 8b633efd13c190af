#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

/// Command-line options of smpp-bench.
struct BenchOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 2346;
    std::string system_id = "admin";
    std::string password = "vocalcom";
    unsigned sessions = 4; ///< bound transceiver sessions
    unsigned window = 100; ///< unanswered submit_sm per session
    double rate = 0; ///< total submit_sm per second over all sessions; 0 = as fast as possible
    unsigned size = 20; ///< short_message octets (1-254)
    bool receipts = false; ///< registered_delivery 1 and match the receipts
    double duration = 10; ///< seconds of load (or of holding the sessions with --bind-only)
    double drain =
        10; ///< max seconds to wait for outstanding responses and receipts after the load
    unsigned bind_only = 0; ///< open this many bound sessions, send nothing, hold for --duration
    unsigned threads = 1; ///< event-loop threads; sessions are spread over them
    std::string source_addr = "33600000001";
    std::string destination_addr = "33612345678";
    std::string label; ///< free text copied into the RESULT line
    bool help = false;
};

/// Parses argv ("--sessions 4", "--receipts", "--receipts=0"...). Throws std::invalid_argument
/// naming the option on an unknown option or a bad value.
BenchOptions parseOptions(const std::vector<std::string>& args);

/// The usage text.
std::string usage();

} // namespace bench
