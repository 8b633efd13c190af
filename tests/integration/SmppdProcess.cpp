#include "tests/integration/SmppdProcess.h"

#include <Poco/File.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/TemporaryFile.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace smppd::itest {
namespace {

using Clock = std::chrono::steady_clock;

bool canConnect(const std::string& host, std::uint16_t port)
{
    try {
        Poco::Net::StreamSocket s;
        s.connect(Poco::Net::SocketAddress(host, port), Poco::Timespan(0, 200000));
        s.close();
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

} // namespace

SmppdProcess::SmppdProcess(Keys keys, std::string dir) : dir_(std::move(dir))
{
    if (dir_.empty()) {
        dir_ = Poco::TemporaryFile::tempName();
        own_dir_ = true;
    }
    Poco::File(dir_).createDirectories();
    if (keys.count("Server.ListenHost") != 0 && keys["Server.ListenHost"] == "::1") {
        probe_host_ = "::1";
    }
    port_ = keys.count("Server.ListenPort") != 0
        ? static_cast<std::uint16_t>(std::stoi(keys["Server.ListenPort"]))
        : freePort();
    writeConfig(keys);
}

SmppdProcess::~SmppdProcess()
{
    if (handle_ && Poco::Process::isRunning(*handle_)) {
        Poco::Process::kill(*handle_);
        handle_->wait();
    }
    if (own_dir_) {
        try {
            Poco::File(dir_).remove(true);
        } catch (const Poco::Exception&) {
            // best effort: a temp folder left behind is harmless
        }
    }
}

std::uint16_t SmppdProcess::freePort()
{
    Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
    const auto port = s.address().port();
    s.close();
    return port;
}

void SmppdProcess::writeConfig(const Keys& keys)
{
    Keys all{{"Server.ListenHost", "127.0.0.1"},
        {"Server.ListenPort", std::to_string(port_)},
        {"Server.DisconnectAfterLogout", "200"},
        {"Store.Path", "data/smppd.db"},
        {"Log.Directory", "logs"},
        {"Log.Level", "debug"},
        {"Authentication.Login", "admin"},
        {"Authentication.Password", "vocalcom"}};
    for (const auto& [k, v] : keys) {
        all[k] = v;
    }
    std::ofstream out(configPath());
    out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><appSettings>\n";
    for (const auto& [k, v] : all) {
        out << "  <add key=\"" << k << "\" value=\"" << v << "\"/>\n";
    }
    out << "</appSettings></configuration>\n";
}

void SmppdProcess::start()
{
    Poco::Process::Args args{"--config", configPath()};
    handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(SMPPD_EXE, args, dir_));
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        if (!Poco::Process::isRunning(*handle_)) {
            throw std::runtime_error("smppd exited at start with code "
                + std::to_string(handle_->wait()) + "; log:\n" + log());
        }
        if (canConnect(probe_host_, port_)) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("smppd did not listen within 10 s; log:\n" + log());
}

std::optional<int> SmppdProcess::waitExit(std::chrono::milliseconds timeout)
{
    if (!handle_) {
        return std::nullopt;
    }
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const int rc = handle_->tryWait();
        if (rc != -1) {
            handle_.reset();
            return rc;
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

int SmppdProcess::stop(std::chrono::milliseconds timeout)
{
    if (!handle_) {
        return -1;
    }
    Poco::Process::requestTermination(handle_->id());
    if (auto rc = waitExit(timeout)) {
        return *rc;
    }
    Poco::Process::kill(*handle_);
    handle_->wait();
    handle_.reset();
    return -1;
}

int SmppdProcess::runToExit(
    const std::vector<std::string>& args, std::chrono::milliseconds timeout, std::string* output)
{
    Poco::Pipe out_pipe;
    Poco::Pipe err_pipe;
    auto handle = Poco::Process::launch(SMPPD_EXE, args, nullptr, &out_pipe, &err_pipe);
    std::string text;
    std::thread reader([&] {
        Poco::PipeInputStream o(out_pipe);
        Poco::PipeInputStream e(err_pipe);
        // Read each stream to its end (an empty rdbuf() insertion would fail the stream).
        std::string line;
        while (std::getline(o, line)) {
            text += line + "\n";
        }
        while (std::getline(e, line)) {
            text += line + "\n";
        }
    });
    const auto deadline = Clock::now() + timeout;
    int rc = -1;
    while ((rc = handle.tryWait()) == -1 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (rc == -1) {
        Poco::Process::kill(handle);
        handle.wait();
    }
    reader.join();
    if (output != nullptr) {
        *output = text;
    }
    return rc;
}

std::string SmppdProcess::log() const
{
    std::ifstream in(dir_ + "/logs/smppd.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace smppd::itest
