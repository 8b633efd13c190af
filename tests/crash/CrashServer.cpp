#include "tests/crash/CrashServer.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <stdexcept>
#include <thread>

namespace smppd::crash {
namespace {

using Clock = std::chrono::steady_clock;

bool canConnect(std::uint16_t port)
{
    try {
        Poco::Net::StreamSocket s;
        s.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(0, 200000));
        s.close();
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

} // namespace

CrashServer::CrashServer(std::string config, std::string dir, std::uint16_t port)
    : config_(std::move(config)),
      dir_(std::move(dir)),
      port_(port)
{
}

CrashServer::~CrashServer()
{
    if (handle_ && Poco::Process::isRunning(*handle_)) {
        Poco::Process::kill(*handle_);
        handle_->wait();
    }
}

void CrashServer::start(std::chrono::milliseconds timeout)
{
    Poco::Process::Args args{"--config", config_};
    handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(SMPPD_EXE, args, dir_));
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        if (!Poco::Process::isRunning(*handle_)) {
            throw std::runtime_error(
                "smppd exited at start with code " + std::to_string(handle_->wait()));
        }
        if (canConnect(port_)) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("smppd did not listen in time");
}

void CrashServer::kill()
{
    if (!handle_) {
        return;
    }
    Poco::Process::kill(*handle_); // SIGKILL on POSIX
    handle_->wait();
    handle_.reset();
}

int CrashServer::stop(std::chrono::milliseconds timeout)
{
    if (!handle_) {
        return -1;
    }
    Poco::Process::requestTermination(handle_->id());
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        const int rc = handle_->tryWait();
        if (rc != -1) {
            handle_.reset();
            return rc;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
    return -1;
}

} // namespace smppd::crash
