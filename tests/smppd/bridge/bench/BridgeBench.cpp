// bridge-bench: load generator for the outbound flow (architecture §1 flow 2):
// bridge "send" lines (pipelined on N connections) -> smppd -> deliver_sm to R bound receivers,
// which answer deliver_sm_resp at once. Reports the rate of bridge replies (commits) and of
// deliver_sm received, end to end. Loopback only.
//   bridge-bench --bridge-port P --smpp-port S [--connections 4] [--window 500] [--count 100000]
//                [--receivers 2] [--token T] [--system-id admin] [--password vocalcom]
//                [--text "..."] [--drain 30]
#include "common/smpp/Codec.h"
#include "common/smpp/FrameSplitter.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::uint16_t bridge_port = 18182;
    std::uint16_t smpp_port = 2346;
    unsigned connections = 4;
    unsigned window = 500;
    unsigned long count = 100000;
    unsigned receivers = 2;
    std::string token;
    std::string system_id = "admin";
    std::string password = "vocalcom";
    std::string text = "Votre RDV est confirme pour demain 10h";
    double drain = 30;
};

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const std::string v = argv[i + 1];
        if (k == "--bridge-port") {
            o.bridge_port = static_cast<std::uint16_t>(std::stoi(v));
        } else if (k == "--smpp-port") {
            o.smpp_port = static_cast<std::uint16_t>(std::stoi(v));
        } else if (k == "--connections") {
            o.connections = static_cast<unsigned>(std::stoul(v));
        } else if (k == "--window") {
            o.window = static_cast<unsigned>(std::stoul(v));
        } else if (k == "--count") {
            o.count = std::stoul(v);
        } else if (k == "--receivers") {
            o.receivers = static_cast<unsigned>(std::stoul(v));
        } else if (k == "--token") {
            o.token = v;
        } else if (k == "--system-id") {
            o.system_id = v;
        } else if (k == "--password") {
            o.password = v;
        } else if (k == "--text") {
            o.text = v;
        } else if (k == "--drain") {
            o.drain = std::stod(v);
        } else {
            throw std::invalid_argument("unknown option " + k);
        }
    }
    return o;
}

std::atomic<unsigned long> g_delivered{0};
std::atomic<unsigned long> g_replies_ok{0};
std::atomic<unsigned long> g_replies_failed{0};
std::atomic<unsigned> g_bound{0};
std::atomic<bool> g_stop{false};

void sendAll(Poco::Net::StreamSocket& s, const char* data, std::size_t size)
{
    std::size_t sent = 0;
    while (sent < size) {
        sent += static_cast<std::size_t>(s.sendBytes(data + sent, static_cast<int>(size - sent)));
    }
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

/// One bound receiver: answers every deliver_sm (and enquire_link) at once, counts them.
void receiver(const Options& o)
{
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", o.smpp_port));
    s.setNoDelay(true);
    const auto bind = smpp::encode(smpp::Pdu{.sequence_number = 1,
        .body = smpp::BindReceiver{.system_id = o.system_id, .password = o.password}});
    sendAll(s, reinterpret_cast<const char*>(bind.data()), bind.size());
    smpp::FrameSplitter frames;
    std::array<char, 256 * 1024> buffer{};
    std::vector<std::uint8_t> out;
    s.setReceiveTimeout(Poco::Timespan(0, 200000));
    while (!g_stop) {
        int n = 0;
        try {
            n = s.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
        } catch (const Poco::TimeoutException&) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        frames.feed(
            {reinterpret_cast<const std::uint8_t*>(buffer.data()), static_cast<std::size_t>(n)});
        out.clear();
        while (auto frame = frames.nextView()) {
            const auto h = smpp::peekHeader(*frame);
            if (h.command_id == 0x80000001) { // bind_receiver_resp
                if (h.command_status != 0) {
                    std::cerr << "bind_receiver failed status=" << h.command_status << "\n";
                    return;
                }
                ++g_bound;
            } else if (h.command_id == 0x00000005 || h.command_id == 0x00000015) {
                const bool deliver = h.command_id == 0x00000005;
                putU32(out, deliver ? 17 : 16);
                putU32(out, h.command_id | 0x80000000U);
                putU32(out, 0);
                putU32(out, h.sequence_number);
                if (deliver) {
                    out.push_back(0);
                    ++g_delivered;
                }
            }
        }
        if (!out.empty()) {
            sendAll(s, reinterpret_cast<const char*>(out.data()), out.size());
        }
    }
}

/// One bridge connection: keeps `window` sends in flight until `quota` replies came back.
void sender(const Options& o, unsigned index, unsigned long quota)
{
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", o.bridge_port));
    s.setNoDelay(true);
    unsigned long sent = 0;
    unsigned long answered = 0;
    std::string batch;
    std::string pending;
    std::array<char, 256 * 1024> buffer{};
    const std::string token = o.token.empty() ? "" : R"(,"token":")" + o.token + "\"";
    while (answered < quota) {
        batch.clear();
        while (sent < quota && sent - answered < o.window) {
            batch += R"({"op":"send","campaign":"33612345678","to":"336)";
            batch += std::to_string(10000000 + index * 1000000 + sent % 1000000);
            batch += R"(","text":")" + o.text + "\"" + token + "}\n";
            ++sent;
        }
        if (!batch.empty()) {
            sendAll(s, batch.data(), batch.size());
        }
        const int n = s.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
        if (n <= 0) {
            std::cerr << "bridge connection closed\n";
            return;
        }
        pending.append(buffer.data(), static_cast<std::size_t>(n));
        std::size_t start = 0;
        for (auto nl = pending.find('\n'); nl != std::string::npos;
             nl = pending.find('\n', start)) {
            if (pending.compare(start, 10, R"({"ok":true)") == 0) {
                ++g_replies_ok;
            } else {
                if (g_replies_failed++ == 0) {
                    std::cerr << "refused: " << pending.substr(start, nl - start) << "\n";
                }
            }
            ++answered;
            start = nl + 1;
        }
        pending.erase(0, start);
    }
}

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const Options o = parse(argc, argv);
        std::vector<std::thread> receivers;
        for (unsigned i = 0; i < o.receivers; ++i) {
            receivers.emplace_back([&o] { receiver(o); });
        }
        const auto bind_deadline = Clock::now() + std::chrono::seconds(10);
        while (g_bound < o.receivers && Clock::now() < bind_deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (g_bound < o.receivers) {
            throw std::runtime_error("receivers did not bind");
        }
        const auto t0 = Clock::now();
        std::vector<std::thread> senders;
        for (unsigned i = 0; i < o.connections; ++i) {
            const unsigned long quota =
                o.count / o.connections + (i < o.count % o.connections ? 1 : 0);
            senders.emplace_back([&o, i, quota] { sender(o, i, quota); });
        }
        for (auto& t : senders) {
            t.join();
        }
        const auto t_replies = Clock::now();
        const auto ok = g_replies_ok.load();
        const auto drain_deadline = t_replies + std::chrono::duration<double>(o.drain);
        while (g_delivered < ok
            && Clock::now() < std::chrono::time_point_cast<Clock::duration>(drain_deadline)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        const auto t_delivered = Clock::now();
        g_stop = true;
        for (auto& t : receivers) {
            t.join();
        }
        const double bridge_rate = static_cast<double>(ok) / seconds(t_replies - t0);
        const double e2e_rate = static_cast<double>(g_delivered.load()) / seconds(t_delivered - t0);
        std::printf("bridge: %lu sends, %lu ok, %lu refused in %.2f s = %.0f commits/s\n",
            o.count,
            ok,
            g_replies_failed.load(),
            seconds(t_replies - t0),
            bridge_rate);
        std::printf("deliver_sm: %lu received and answered in %.2f s = %.0f msg/s (end to end)\n",
            g_delivered.load(),
            seconds(t_delivered - t0),
            e2e_rate);
        std::printf("RESULT bridge_commits_per_s=%.0f deliver_sm_per_s=%.0f sent=%lu ok=%lu "
                    "delivered=%lu\n",
            bridge_rate,
            e2e_rate,
            o.count,
            ok,
            g_delivered.load());
        return g_delivered.load() == ok && ok == o.count ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "bridge-bench: " << e.what() << "\n";
        return 2;
    }
}
