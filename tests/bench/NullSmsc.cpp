// smpp-null-smsc: the cheapest possible SMSC (binds and submit_sm answered, nothing stored, no
// receipts), single-threaded on epoll. scripts/bench.sh runs smpp-bench against it to show the
// ceiling of the load generator itself on this machine.
// Usage: smpp-null-smsc [port] (0 = ephemeral; prints "listening PORT"; loopback only)

#include "common/smpp/Codec.h"
#include "common/smpp/CommandId.h"
#include "common/smpp/FrameSplitter.h"
#include "common/smpp/Pdu.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <span>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

struct Connection {
    int fd = -1;
    smpp::FrameSplitter splitter;
    std::vector<std::uint8_t> out;
};

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t at)
{
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16)
        | (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

std::uint64_t g_next_id = 1;

/// submit_sm_resp with a decimal id, written by hand (the hot path).
void submitResp(std::vector<std::uint8_t>& out, std::uint32_t seq)
{
    const std::string id = std::to_string(g_next_id++);
    put32(out, static_cast<std::uint32_t>(16 + id.size() + 1));
    put32(out, smpp::toWire(smpp::CommandId::SubmitSmResp));
    put32(out, 0);
    put32(out, seq);
    out.insert(out.end(), id.begin(), id.end());
    out.push_back(0);
}

void answer(Connection& c, std::span<const std::uint8_t> frame)
{
    const auto id = static_cast<smpp::CommandId>(be32(frame, 4));
    const std::uint32_t seq = be32(frame, 12);
    smpp::Pdu resp{.sequence_number = seq};
    switch (id) {
    case smpp::CommandId::SubmitSm:
        submitResp(c.out, seq);
        return;
    case smpp::CommandId::BindTransceiver:
        resp.body = smpp::BindTransceiverResp{.system_id = "null-smsc"};
        break;
    case smpp::CommandId::BindTransmitter:
        resp.body = smpp::BindTransmitterResp{.system_id = "null-smsc"};
        break;
    case smpp::CommandId::BindReceiver:
        resp.body = smpp::BindReceiverResp{.system_id = "null-smsc"};
        break;
    case smpp::CommandId::EnquireLink:
        resp.body = smpp::EnquireLinkResp{};
        break;
    case smpp::CommandId::Unbind:
        resp.body = smpp::UnbindResp{};
        break;
    default:
        return;
    }
    smpp::encodeTo(resp, c.out);
}

/// Reads and answers; false when the connection is done.
bool serve(Connection& c, std::vector<std::uint8_t>& buffer)
{
    for (;;) {
        const auto n = ::recv(c.fd, buffer.data(), buffer.size(), 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            return false;
        }
        if (n < 0) {
            break;
        }
        c.splitter.feed(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)));
    }
    try {
        while (auto frame = c.splitter.nextView()) {
            answer(c, *frame);
        }
    } catch (const std::exception&) {
        return false;
    }
    std::size_t done = 0;
    while (done < c.out.size()) {
        const auto w = ::send(c.fd, c.out.data() + done, c.out.size() - done, MSG_NOSIGNAL);
        if (w <= 0) {
            if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
                continue; // a benchmark peer drains quickly: spin rather than buffer
            }
            return false;
        }
        done += static_cast<std::size_t>(w);
    }
    c.out.clear();
    return true;
}

int listenLoopback(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0
        || ::listen(fd, 1024) != 0) {
        std::perror("smpp-null-smsc: bind/listen");
        std::exit(69);
    }
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    std::printf("listening %u\n", ntohs(addr.sin_port));
    std::fflush(stdout);
    return fd;
}

void acceptAll(int listener, int ep, std::map<int, std::unique_ptr<Connection>>& conns)
{
    for (;;) {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            return;
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        conns[fd] = std::move(c);
    }
}

} // namespace

int main(int argc, char** argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 0);
    const int listener = listenLoopback(port);
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event lev{};
    lev.events = EPOLLIN;
    lev.data.fd = listener;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, listener, &lev);
    std::map<int, std::unique_ptr<Connection>> conns;
    std::vector<std::uint8_t> buffer(65536);
    std::array<epoll_event, 256> events{};
    for (;;) {
        const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), -1);
        for (int i = 0; i < n; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            if (fd == listener) {
                acceptAll(listener, ep, conns);
                continue;
            }
            const auto it = conns.find(fd);
            if (it != conns.end() && !serve(*it->second, buffer)) {
                ::close(fd);
                conns.erase(it);
            }
        }
    }
}
