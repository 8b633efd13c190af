#include "tests/integration/SmppdProcess.h"

#include <Poco/File.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace smppd::itest {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kExitPortInUse = 69; // architecture: exit codes
constexpr int kLaunchAttempts = 3;
const std::string kStartedLine = "event=started mode=";

} // namespace

SmppdProcess::SmppdProcess(Keys keys, std::string dir)
    : keys_(std::move(keys)),
      dir_(std::move(dir))
{
    if (dir_.empty()) {
        dir_ = Poco::TemporaryFile::tempName();
        own_dir_ = true;
    }
    Poco::File(dir_).createDirectories();
    keys_.try_emplace("Server.ListenPort", kFreePort);
    writeConfig();
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

std::uint16_t SmppdProcess::portOf(const std::string& key) const
{
    return static_cast<std::uint16_t>(std::stoi(written_.at(key)));
}

void SmppdProcess::writeConfig()
{
    written_ = Keys{{"Server.ListenHost", "127.0.0.1"},
        {"Server.DisconnectAfterLogout", "200"},
        {"Store.Path", "data/smppd.db"},
        {"Log.Directory", "logs"},
        {"Log.Level", "debug"},
        {"Authentication.Login", "admin"},
        {"Authentication.Password", "vocalcom"}};
    for (const auto& [k, v] : keys_) {
        written_[k] = v == kFreePort ? std::to_string(freePort()) : v;
    }
    std::ofstream out(configPath());
    out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><appSettings>\n";
    for (const auto& [k, v] : written_) {
        if (v == kOmit) {
            continue;
        }
        out << "  <add key=\"" << k << "\" value=\"" << v << "\"/>\n";
    }
    out << "</appSettings></configuration>\n";
}

void SmppdProcess::start()
{
    const bool ports_chosen_here = std::any_of(
        keys_.begin(), keys_.end(), [](const auto& key) { return key.second == kFreePort; });
    for (int attempt = 1;; ++attempt) {
        const auto rc = launchOnce();
        if (!rc) {
            return;
        }
        if (*rc != kExitPortInUse || !ports_chosen_here || attempt == kLaunchAttempts) {
            throw std::runtime_error(
                "smppd exited at start with code " + std::to_string(*rc) + "; log:\n" + log());
        }
        writeConfig(); // another test took a port between freePort() and smppd's bind
    }
}

std::optional<int> SmppdProcess::launchOnce()
{
    const auto started_before = startedLines();
    Poco::Process::Args args{"--config", configPath()};
    handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(SMPPD_EXE, args, dir_));
    const auto deadline = Clock::now() + std::chrono::seconds(15); // a crash's WAL to recover
    while (Clock::now() < deadline) {
        const int rc = handle_->tryWait();
        if (rc != -1) {
            handle_.reset();
            return rc;
        }
        if (startedLines() > started_before) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("smppd did not start within 15 s; log:\n" + log());
}

std::size_t SmppdProcess::startedLines() const
{
    const std::string text = log();
    std::size_t count = 0;
    for (auto at = text.find(kStartedLine); at != std::string::npos;
         at = text.find(kStartedLine, at + 1)) {
        ++count;
    }
    return count;
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

void SmppdProcess::kill()
{
    if (!handle_) {
        return;
    }
    Poco::Process::kill(*handle_); // SIGKILL on POSIX
    handle_->wait();
    handle_.reset();
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

namespace smppd::itest {

int SmppdProcess::pid() const
{
    return handle_ && Poco::Process::isRunning(*handle_) ? static_cast<int>(handle_->id()) : 0;
}

} // namespace smppd::itest
