#include "smppd/net/LoopThread.h"

#include "common/platform/ThreadName.h"

#include <future>
#include <utility>

namespace smppd {

LoopThread::LoopThread(std::string name) : name_(std::move(name))
{
}

LoopThread::~LoopThread()
{
    stop();
}

void LoopThread::start()
{
    thread_ = std::thread([this] {
        smpp::platform::nameCurrentThread(name_.c_str());
        loop_.run();
    });
}

void LoopThread::stop()
{
    if (thread_.joinable()) {
        loop_.stop();
        thread_.join();
    }
}

void LoopThread::runAndWait(const std::function<void()>& task)
{
    if (!thread_.joinable() || loop_.inLoopThread()) {
        task();
        return;
    }
    std::promise<void> done;
    loop_.post([&] {
        try {
            task();
            done.set_value();
        } catch (...) {
            done.set_exception(std::current_exception());
        }
    });
    done.get_future().get();
}

} // namespace smppd
