#include "smppd/support/TraceCommand.h"

#include "smppd/app/ExitCodes.h"
#include "smppd/store/SqliteStoreReader.h"
#include "smppd/store/StoreError.h"
#include "smppd/support/LogLine.h"
#include "smppd/support/MessageReport.h"

#include <Poco/File.h>
#include <fmt/format.h>

#include <stdexcept>

namespace smppd::support {

namespace {

/// The store's row for `id`; nullopt when there is no store file, no such row, or the store
/// cannot be read (then with a warning: the logs may still tell).
std::optional<Message> storeRecord(const std::string& path, std::int64_t id, std::ostream& err)
{
    if (path.empty() || path == ":memory:" || !Poco::File(path).exists()) {
        return std::nullopt;
    }
    try {
        SqliteStoreReader reader(path);
        return reader.find(id);
    } catch (const StoreError& e) {
        err << "smppd: warning: cannot read the store " << path << ": " << e.what() << '\n';
        return std::nullopt;
    }
}

ScanResult scanOrWarn(const TraceRequest& request,
    std::int64_t id,
    const std::optional<TimeWindow>& window,
    std::ostream& err)
{
    try {
        auto result = scanLogDirectory(request.log_directory, messageIdToken(id), window);
        for (const auto& error : result.errors) {
            err << "smppd: warning: " << error << '\n';
        }
        return result;
    } catch (const std::runtime_error& e) {
        err << "smppd: warning: " << e.what() << '\n';
        return {};
    }
}

void printRecord(const TraceRequest& request,
    std::int64_t id,
    const std::optional<Message>& record,
    std::ostream& out)
{
    if (record) {
        out << "message " << id << " in the store " << request.store_path << ":\n"
            << describeMessage(*record);
    } else {
        out << "message " << id << " is not in the store " << request.store_path
            << " (purged, or never stored there): every log file is read\n";
    }
}

void printLines(const std::string& directory, const ScanResult& scan, std::ostream& out)
{
    out << fmt::format("log lines in {}: {} files read, {} skipped (outside the message's time)",
        directory,
        scan.read.size(),
        scan.skipped.size());
    if (!scan.errors.empty()) {
        out << ", " << scan.errors.size() << " unreadable";
    }
    out << '\n';
    for (const auto& line : scan.lines) {
        out << line << '\n';
    }
}

} // namespace

TimeWindow windowOf(const Message& message, smpp::TimePoint now)
{
    const bool settled =
        message.isFinal() && message.done_time && message.receipt != ReceiptState::Pending;
    return TimeWindow{message.submit_time, settled ? *message.done_time : now};
}

int runTrace(const TraceRequest& request, std::ostream& out, std::ostream& err)
{
    const auto id = parseMessageId(request.id, request.id_format);
    if (!id) {
        err << "smppd: --trace: '" << request.id << "' is not a message id ("
            << (request.id_format == MessageIdFormat::Hex ? "hexadecimal" : "a decimal number")
            << " above 0, as Server.MessageIdFormat writes it)" << std::endl;
        return kExitConfig;
    }
    const auto record = storeRecord(request.store_path, *id, err);
    const auto window = record ? std::optional(windowOf(*record, request.now)) : std::nullopt;
    const auto scan = scanOrWarn(request, *id, window, err);
    if (!record && scan.lines.empty()) {
        err << "smppd: message " << *id << " not found in " << request.store_path
            << " or the logs in " << request.log_directory << std::endl;
        return kExitNotFound;
    }
    printRecord(request, *id, record, out);
    printLines(request.log_directory, scan, out);
    return kExitOk;
}

} // namespace smppd::support
