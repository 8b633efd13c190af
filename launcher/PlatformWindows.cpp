// Windows side of launcher/Platform.h and StopRequest: console control events and the service
// stop, the service control manager (register/unregister, failure actions) and the Event Log.
#include "common/logging/Fields.h"
#include "common/logging/Log.h"
#include "launcher/Platform.h"
#include "launcher/StopRequest.h"

#include <Poco/AutoPtr.h>
#include <Poco/Error.h>
#include <Poco/EventLogChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Process.h>
#include <Poco/UnicodeConverter.h>

#include <atomic>
#include <iterator>
#include <mutex>
#include <ostream>
#include <thread>
#include <utility>

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace launcher {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 70; // EX_SOFTWARE, as the launcher's other failures

std::atomic<bool> g_requested{false};
std::thread g_waiter;

/// Process-lifetime events (never closed: a console handler thread may still wait on one).
HANDLE manualEvent()
{
    return CreateEventW(nullptr, TRUE, FALSE, nullptr);
}
HANDLE releasedEvent()
{
    static const HANDLE event = manualEvent(); // set once the StopRequest ends: smppd stopped
    return event;
}
HANDLE quitEvent()
{
    static const HANDLE event = manualEvent(); // wakes the waiter thread at the end
    return event;
}

/// The event Poco's ServerApplication::terminate() sets (from its service control handler on
/// SERVICE_CONTROL_STOP / SHUTDOWN) and Poco::Process::requestTermination(pid) sets from
/// another process: the auto-reset named event POCOTRM<pid>, created by ServerApplication
/// before main(). Opened here by name so the launcher waits for it on its own thread.
HANDLE terminationEvent()
{
    static const HANDLE event = [] {
        std::wstring name;
        Poco::UnicodeConverter::toUTF16(
            Poco::ProcessImpl::terminationEventName(Poco::Process::id()), name);
        return CreateEventW(nullptr, FALSE, FALSE, name.c_str());
    }();
    return event;
}

BOOL WINAPI onConsoleControl(DWORD type)
{
    switch (type) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
        g_requested.store(true);
        return TRUE;
    case CTRL_CLOSE_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        // Windows ends the process as soon as this returns: hold it until smppd has stopped
        // (Windows gives a closing console about 5 s before it ends the process anyway).
        g_requested.store(true);
        WaitForSingleObject(releasedEvent(), INFINITE);
        return TRUE;
    default:
        return FALSE; // CTRL_LOGOFF_EVENT: a service keeps running when a user logs off
    }
}

void waitForTermination()
{
    const HANDLE terminate = terminationEvent();
    const HANDLE events[] = {quitEvent(), terminate};
    const DWORD count = terminate != nullptr ? 2 : 1;
    if (WaitForMultipleObjects(count, events, FALSE, INFINITE) == WAIT_OBJECT_0 + 1) {
        g_requested.store(true);
    }
}

} // namespace

StopRequest::StopRequest()
{
    g_requested.store(false);
    ResetEvent(releasedEvent());
    ResetEvent(quitEvent());
    SetConsoleCtrlHandler(onConsoleControl, TRUE);
    g_waiter = std::thread(waitForTermination);
}

StopRequest::~StopRequest()
{
    SetEvent(quitEvent());
    if (g_waiter.joinable()) {
        g_waiter.join();
    }
    SetConsoleCtrlHandler(onConsoleControl, FALSE);
    SetEvent(releasedEvent());
}

void StopRequest::request()
{
    g_requested.store(true);
}

bool StopRequest::requested()
{
    return g_requested.load();
}

namespace platform {

namespace {

std::wstring wide(const std::string& text)
{
    std::wstring result;
    Poco::UnicodeConverter::toUTF16(text, result);
    return result;
}

/// "error N: text". Callers take GetLastError() before writing anything: writing to a console
/// resets it.
std::string describeError(DWORD code)
{
    auto text = Poco::Error::getMessage(code);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return "error " + std::to_string(code) + ": " + text;
}

/// An SC_HANDLE closed on scope exit.
class ScHandle {
public:
    explicit ScHandle(SC_HANDLE handle) : handle_(handle) { }
    ~ScHandle()
    {
        if (handle_ != nullptr) {
            CloseServiceHandle(handle_);
        }
    }
    ScHandle(const ScHandle&) = delete;
    ScHandle& operator=(const ScHandle&) = delete;
    ScHandle(ScHandle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) { }
    ScHandle& operator=(ScHandle&&) = delete;
    SC_HANDLE get() const { return handle_; }
    explicit operator bool() const { return handle_ != nullptr; }

private:
    SC_HANDLE handle_;
};

const std::wstring kEventSourceKey =
    L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\" + wide(kEventSource);

/// Registers the Event Log source with launcher.exe as its message file (the message table
/// EventMessages.mc is linked into launcher.exe), so the Event Viewer shows the text.
bool registerEventSource(const std::string& launcher_path, std::ostream& err)
{
    HKEY key = nullptr;
    const LSTATUS rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE,
        kEventSourceKey.c_str(),
        0,
        nullptr,
        REG_OPTION_NON_VOLATILE,
        KEY_SET_VALUE,
        nullptr,
        &key,
        nullptr);
    if (rc != ERROR_SUCCESS) {
        err << "launcher: warning: cannot register the Event Log source '" << kEventSource << "' ("
            << describeError(static_cast<DWORD>(rc)) << ")\n";
        return false;
    }
    const std::wstring path = wide(launcher_path);
    const auto path_bytes = static_cast<DWORD>((path.size() + 1) * sizeof(wchar_t));
    const auto* path_data = reinterpret_cast<const BYTE*>(path.c_str());
    const DWORD types = EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE;
    const DWORD categories = 8; // Poco's categories: Fatal .. Trace
    const auto* types_data = reinterpret_cast<const BYTE*>(&types);
    const auto* categories_data = reinterpret_cast<const BYTE*>(&categories);
    bool ok =
        RegSetValueExW(key, L"EventMessageFile", 0, REG_SZ, path_data, path_bytes) == ERROR_SUCCESS;
    ok = RegSetValueExW(key, L"CategoryMessageFile", 0, REG_SZ, path_data, path_bytes)
            == ERROR_SUCCESS
        && ok;
    ok = RegSetValueExW(key, L"CategoryCount", 0, REG_DWORD, categories_data, sizeof categories)
            == ERROR_SUCCESS
        && ok;
    ok = RegSetValueExW(key, L"TypesSupported", 0, REG_DWORD, types_data, sizeof types)
            == ERROR_SUCCESS
        && ok;
    RegCloseKey(key);
    if (!ok) {
        err << "launcher: warning: the Event Log source '" << kEventSource
            << "' is registered without its message file\n";
    }
    return ok;
}

/// SERVICE_CONFIG_FAILURE_ACTIONS from ServiceRecovery, then the flag off. A new service has
/// the flag off already, so failing to set it (wine cannot) is only a note.
bool setFailureActions(SC_HANDLE service, std::ostream& out, std::ostream& err)
{
    SC_ACTION actions[std::size(ServiceRecovery::kRestartDelays)]{};
    for (std::size_t i = 0; i < std::size(actions); ++i) {
        actions[i].Type = SC_ACTION_RESTART;
        actions[i].Delay = static_cast<DWORD>(ServiceRecovery::kRestartDelays[i].count());
    }
    SERVICE_FAILURE_ACTIONSW failure{};
    failure.dwResetPeriod = static_cast<DWORD>(ServiceRecovery::kResetPeriod.count());
    failure.cActions = static_cast<DWORD>(std::size(actions));
    failure.lpsaActions = actions;
    if (!ChangeServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS, &failure)) {
        const auto error = describeError(GetLastError());
        err << "launcher: cannot set the failure actions (ChangeServiceConfig2 "
               "SERVICE_CONFIG_FAILURE_ACTIONS, "
            << error << ")\n";
        return false;
    }
    SERVICE_FAILURE_ACTIONS_FLAG flag{};
    flag.fFailureActionsOnNonCrashFailures =
        ServiceRecovery::kFailureActionsOnNonCrashFailures ? TRUE : FALSE;
    if (!ChangeServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, &flag)) {
        const auto error = describeError(GetLastError());
        out << "launcher: note: the failure-actions flag could not be set explicitly "
               "(ChangeServiceConfig2 SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, "
            << error << "); a new service has it off\n";
    }
    return true;
}

/// The service control manager with `access`; on failure an empty handle, and `err` says why.
ScHandle openServiceManager(DWORD access, std::ostream& err)
{
    ScHandle manager(OpenSCManagerW(nullptr, nullptr, access));
    if (!manager) {
        err << "launcher: cannot open the service control manager ("
            << describeError(GetLastError()) << "); run from an elevated prompt\n";
    }
    return manager;
}

int registerService(const ServiceCommand& command,
    const std::string& launcher_path,
    std::ostream& out,
    std::ostream& err)
{
    const ScHandle manager = openServiceManager(SC_MANAGER_CREATE_SERVICE, err);
    if (!manager) {
        return kExitFailed;
    }
    const std::wstring name = wide(kServiceName);
    const std::wstring display_name =
        wide(command.display_name.empty() ? std::string(kServiceName) : command.display_name);
    // No arguments: the service reads smppd.config beside launcher.exe.
    const std::wstring image = L"\"" + wide(launcher_path) + L"\"";
    ScHandle service(CreateServiceW(manager.get(),
        name.c_str(),
        display_name.c_str(),
        SERVICE_ALL_ACCESS,
        SERVICE_WIN32_OWN_PROCESS,
        command.startup == ServiceCommand::Startup::Auto ? SERVICE_AUTO_START
                                                         : SERVICE_DEMAND_START,
        SERVICE_ERROR_NORMAL,
        image.c_str(),
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr));
    if (!service) {
        const DWORD error = GetLastError();
        err << "launcher: cannot register the service '" << kServiceName << "' ("
            << describeError(error) << ")"
            << (error == ERROR_SERVICE_EXISTS ? "; run launcher.exe /unregisterService first" : "")
            << '\n';
        return kExitFailed;
    }
    out << "launcher: registered the service '" << kServiceName << "' ("
        << (command.startup == ServiceCommand::Startup::Auto ? "automatic" : "manual")
        << " start): " << launcher_path << '\n';
    int rc = kExitOk;
    if (!command.description.empty()) {
        std::wstring description = wide(command.description);
        SERVICE_DESCRIPTIONW text{description.data()};
        if (!ChangeServiceConfig2W(service.get(), SERVICE_CONFIG_DESCRIPTION, &text)) {
            const auto error = describeError(GetLastError());
            err << "launcher: cannot set the description (" << error << ")\n";
            rc = kExitFailed;
        }
    }
    if (setFailureActions(service.get(), out, err)) {
        out << "launcher: failure actions: restart after 5 s, 5 s, 30 s; reset after 1 day; "
               "only when the launcher dies without reporting SERVICE_STOPPED\n";
    } else {
        err << "launcher: the service is registered but the SCM will not restart it after a "
               "crash\n";
        rc = kExitFailed;
    }
    if (registerEventSource(launcher_path, err)) {
        out << "launcher: Event Log source '" << kEventSource << "' (Application log)\n";
    }
    return rc;
}

int unregisterService(std::ostream& out, std::ostream& err)
{
    const ScHandle manager = openServiceManager(SC_MANAGER_CONNECT, err);
    if (!manager) {
        return kExitFailed;
    }
    const std::wstring name = wide(kServiceName);
    ScHandle service(OpenServiceW(manager.get(), name.c_str(), DELETE | SERVICE_QUERY_STATUS));
    if (!service) {
        const auto error = describeError(GetLastError());
        err << "launcher: cannot open the service '" << kServiceName << "' (" << error << ")\n";
        return kExitFailed;
    }
    SERVICE_STATUS status{};
    const bool running =
        QueryServiceStatus(service.get(), &status) && status.dwCurrentState != SERVICE_STOPPED;
    if (!DeleteService(service.get())) {
        const auto error = describeError(GetLastError());
        err << "launcher: cannot unregister the service '" << kServiceName << "' (" << error
            << ")\n";
        return kExitFailed;
    }
    out << "launcher: unregistered the service '" << kServiceName << "'"
        << (running ? " (still running: removed once it stops)" : "") << '\n';
    // The Event Log source goes with it (a missing key is fine).
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, kEventSourceKey.c_str());
    return kExitOk;
}

} // namespace

int runServiceCommand(const ServiceCommand& command,
    const std::string& launcher_path,
    std::ostream& out,
    std::ostream& err)
{
    switch (command.action) {
    case ServiceCommand::Action::Register:
        return registerService(command, launcher_path, out, err);
    case ServiceCommand::Action::Unregister:
        return unregisterService(out, err);
    case ServiceCommand::Action::None:
        break;
    }
    return kExitOk;
}

std::string tieChildToLauncher(int pid)
{
    static const HANDLE job = [] {
        HANDLE created = CreateJobObjectW(nullptr, nullptr);
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if (created != nullptr
            && !SetInformationJobObject(
                created, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
            CloseHandle(created);
            created = nullptr;
        }
        return created; // never closed: closing it is what kills smppd
    }();
    if (job == nullptr) {
        return "no kill-on-close job object";
    }
    const HANDLE process =
        OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, FALSE, static_cast<DWORD>(pid));
    std::string problem;
    if (process == nullptr) {
        problem = describeError(GetLastError());
        return problem.insert(0, "OpenProcess ");
    }
    if (!AssignProcessToJobObject(job, process)) {
        problem = describeError(GetLastError());
        problem.insert(0, "AssignProcessToJobObject ");
    }
    CloseHandle(process);
    return problem;
}

void reportEvent(EventType type, const std::string& text)
{
    static std::mutex mutex;
    static Poco::AutoPtr<Poco::EventLogChannel> channel;
    static bool failed = false;
    const std::lock_guard lock(mutex);
    if (failed) {
        return;
    }
    const auto priority = type == EventType::Error ? Poco::Message::PRIO_ERROR
        : type == EventType::Warning               ? Poco::Message::PRIO_WARNING
                                                   : Poco::Message::PRIO_INFORMATION;
    try {
        if (!channel) {
            channel = new Poco::EventLogChannel(kEventSource);
        }
        channel->log(Poco::Message(kEventSource, text, priority));
    } catch (const Poco::Exception& e) {
        failed = true; // said once; launcher.log has every event anyway
        logging::log(Poco::Logger::get("launcher"),
            logging::ev::event_log_unavailable,
            "source={} error={}",
            kEventSource,
            logging::quoted(e.displayText()));
    }
}

} // namespace platform

} // namespace launcher
