// smpp-bench: an SMPP 3.4 load generator (ESME side) for smppd and the npm reference server.
// See BenchOptions.cpp for the options; prints a summary and one RESULT line of key=value pairs.

#include "common/smpp/CommandStatus.h"
#include "tests/bench/BenchLoop.h"
#include "tests/bench/BenchOptions.h"
#include "tests/bench/BenchStats.h"
#include "tests/bench/PduTemplates.h"
#include "tests/bench/RunControl.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <netdb.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace {

bench::RunControl* g_control = nullptr;

extern "C" void onSignal(int /*signal*/)
{
    if (g_control != nullptr) {
        g_control->stop.store(true);
    }
}

/// Resolves host:port (numeric or a name) to the first address.
socklen_t resolve(const bench::BenchOptions& o, sockaddr_storage& out)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* result = nullptr;
    const std::string port = std::to_string(o.port);
    if (::getaddrinfo(o.host.c_str(), port.c_str(), &hints, &result) != 0 || result == nullptr) {
        throw std::runtime_error("cannot resolve " + o.host);
    }
    std::memcpy(&out, result->ai_addr, result->ai_addrlen);
    const socklen_t len = result->ai_addrlen;
    ::freeaddrinfo(result);
    return len;
}

/// 1000 sessions need more descriptors than the usual soft limit of 1024.
void raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

/// Counts the distinct receipt ids that are submit_sm_resp ids; sets receipts_duplicate.
std::uint64_t matchReceipts(bench::BenchStats& s)
{
    std::sort(s.resp_ids.begin(), s.resp_ids.end());
    std::sort(s.receipt_ids.begin(), s.receipt_ids.end());
    const auto distinct = static_cast<std::uint64_t>(
        std::unique(s.receipt_ids.begin(), s.receipt_ids.end()) - s.receipt_ids.begin());
    s.receipt_ids.resize(distinct);
    s.receipts_duplicate = s.receipts - distinct;
    std::vector<std::uint64_t> common;
    std::set_intersection(s.resp_ids.begin(),
        s.resp_ids.end(),
        s.receipt_ids.begin(),
        s.receipt_ids.end(),
        std::back_inserter(common));
    return common.size();
}

std::uint64_t total(const std::map<std::uint32_t, std::uint64_t>& counts)
{
    std::uint64_t n = 0;
    for (const auto& [status, count] : counts) {
        n += count;
    }
    return n;
}

std::string errorsText(const std::map<std::uint32_t, std::uint64_t>& errors)
{
    if (errors.empty()) {
        return "none";
    }
    std::ostringstream out;
    for (const auto& [status, n] : errors) {
        char hex[16];
        std::snprintf(hex, sizeof(hex), "0x%02X", status);
        out << hex << ":" << smpp::name(static_cast<smpp::CommandStatus>(status)) << ":" << n
            << " ";
    }
    std::string text = out.str();
    text.pop_back();
    return text;
}

void report(const bench::BenchOptions& o,
    const bench::BenchStats& s,
    unsigned sessions,
    double elapsed,
    double cycle_s)
{
    const double tput = static_cast<double>(s.responses_in_load) / elapsed;
    // The full cycle: receipts that came back for accepted submits, over the time from the start
    // of the load until the last of them arrived (the load plus however long the drain took).
    const double receipt_rate =
        o.receipts && cycle_s > 0 ? static_cast<double>(s.receipts_matched) / cycle_s : 0;
    const auto& l = s.latency;
    std::printf(
        "smpp-bench %s:%u: %u sessions x window %u, rate %s, %u-octet messages, receipts %s, "
        "%.1f s\n",
        o.host.c_str(),
        o.port,
        sessions,
        o.window,
        o.rate > 0 ? std::to_string(static_cast<long>(o.rate)).c_str() : "max",
        o.size,
        o.receipts ? "on" : "off",
        elapsed);
    std::printf("  bound         %u/%u%s\n",
        s.sessions_bound,
        sessions,
        s.bind_errors.empty() ? "" : (" bind errors " + errorsText(s.bind_errors)).c_str());
    std::printf("  submitted     %llu\n", static_cast<unsigned long long>(s.submitted));
    std::printf("  responses ok  %llu  (%.0f msg/s during the load)\n",
        static_cast<unsigned long long>(s.responses_ok),
        tput);
    std::printf("  latency       p50 %llu us  p99 %llu us  max %llu us\n",
        static_cast<unsigned long long>(l.percentile(0.50)),
        static_cast<unsigned long long>(l.percentile(0.99)),
        static_cast<unsigned long long>(l.max()));
    std::printf("  receipts      %llu received, %llu matched a submit_sm_resp id, %llu duplicates; "
                "%.0f receipts/s over %.2f s (load + drain)\n",
        static_cast<unsigned long long>(s.receipts),
        static_cast<unsigned long long>(s.receipts_matched),
        static_cast<unsigned long long>(s.receipts_duplicate),
        receipt_rate,
        cycle_s);
    std::printf("  errors        %s; generic_nack %llu; disconnects %llu\n",
        errorsText(s.errors).c_str(),
        static_cast<unsigned long long>(s.generic_nacks),
        static_cast<unsigned long long>(s.disconnects));
    std::printf(
        "RESULT label=%s sessions=%u window=%u rate=%.0f size=%u receipts=%d duration=%.2f "
        "bound=%u submitted=%llu ok=%llu throughput=%.0f p50_us=%llu p99_us=%llu max_us=%llu "
        "receipts_received=%llu receipts_matched=%llu receipts_duplicate=%llu "
        "receipts_per_s=%.0f cycle_s=%.2f errors=%llu generic_nack=%llu disconnects=%llu\n",
        o.label.empty() ? "-" : o.label.c_str(),
        sessions,
        o.window,
        o.rate,
        o.size,
        o.receipts ? 1 : 0,
        elapsed,
        s.sessions_bound,
        static_cast<unsigned long long>(s.submitted),
        static_cast<unsigned long long>(s.responses_ok),
        tput,
        static_cast<unsigned long long>(l.percentile(0.50)),
        static_cast<unsigned long long>(l.percentile(0.99)),
        static_cast<unsigned long long>(l.max()),
        static_cast<unsigned long long>(s.receipts),
        static_cast<unsigned long long>(s.receipts_matched),
        static_cast<unsigned long long>(s.receipts_duplicate),
        receipt_rate,
        cycle_s,
        static_cast<unsigned long long>(total(s.errors)),
        static_cast<unsigned long long>(s.generic_nacks),
        static_cast<unsigned long long>(s.disconnects));
}

int runBench(const bench::BenchOptions& o)
{
    sockaddr_storage server{};
    const socklen_t server_len = resolve(o, server);
    const unsigned sessions = o.bind_only > 0 ? o.bind_only : o.sessions;
    const unsigned loops_n = std::min(o.threads, sessions);
    const bench::PduTemplates templates = bench::PduTemplates::make(o);
    std::vector<std::unique_ptr<bench::BenchLoop>> loops;
    bench::RunControl control(loops_n, [&loops, &o] {
        unsigned bound = 0;
        for (auto& l : loops) {
            bound += l->stats().sessions_bound;
        }
        std::printf("BOUND %u\n", bound);
        std::fflush(stdout);
        (void)o;
    });
    g_control = &control;
    for (unsigned i = 0; i < loops_n; ++i) {
        const unsigned share = sessions / loops_n + (i < sessions % loops_n ? 1 : 0);
        loops.push_back(std::make_unique<bench::BenchLoop>(
            i, share, o, templates, server, server_len, control));
    }
    std::vector<std::thread> threads;
    for (auto& l : loops) {
        threads.emplace_back([&l] { l->run(); });
    }
    for (auto& t : threads) {
        t.join();
    }
    const double elapsed = o.duration;
    bench::BenchStats total;
    for (auto& l : loops) {
        total.merge(l->stats());
    }
    total.receipts_matched = matchReceipts(total);
    const double cycle_s = total.drained_ns > control.start_ns.load()
        ? static_cast<double>(total.drained_ns - control.start_ns.load()) / 1e9
        : 0;
    report(o, total, sessions, elapsed, cycle_s);
    g_control = nullptr;
    if (total.sessions_bound == 0 || (o.bind_only == 0 && total.responses_ok == 0)) {
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const bench::BenchOptions options =
            bench::parseOptions(std::vector<std::string>(argv + 1, argv + argc));
        if (options.help) {
            std::cout << bench::usage();
            return 0;
        }
        raiseFileLimit();
        std::signal(SIGPIPE, SIG_IGN);
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        return runBench(options);
    } catch (const std::invalid_argument& e) {
        std::cerr << "smpp-bench: " << e.what() << "\n" << bench::usage();
        return 64;
    } catch (const std::exception& e) {
        std::cerr << "smpp-bench: " << e.what() << "\n";
        return 1;
    }
}
