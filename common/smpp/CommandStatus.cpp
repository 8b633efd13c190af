#include "common/smpp/CommandStatus.h"

#include <algorithm>
#include <array>
#include <utility>

namespace smpp {

namespace {

using S = CommandStatus;

// Sorted by value (checklist §4), for a binary search.
constexpr std::array<std::pair<CommandStatus, std::string_view>, 49> kNames{{
    {S::Ok, "ESME_ROK"},
    {S::InvalidMessageLength, "ESME_RINVMSGLEN"},
    {S::InvalidCommandLength, "ESME_RINVCMDLEN"},
    {S::InvalidCommandId, "ESME_RINVCMDID"},
    {S::IncorrectBindStatus, "ESME_RINVBNDSTS"},
    {S::AlreadyBound, "ESME_RALYBND"},
    {S::InvalidPriorityFlag, "ESME_RINVPRTFLG"},
    {S::InvalidRegisteredDelivery, "ESME_RINVREGDLVFLG"},
    {S::SystemError, "ESME_RSYSERR"},
    {S::InvalidSourceAddress, "ESME_RINVSRCADR"},
    {S::InvalidDestAddress, "ESME_RINVDSTADR"},
    {S::InvalidMessageId, "ESME_RINVMSGID"},
    {S::BindFailed, "ESME_RBINDFAIL"},
    {S::InvalidPassword, "ESME_RINVPASWD"},
    {S::InvalidSystemId, "ESME_RINVSYSID"},
    {S::CancelFailed, "ESME_RCANCELFAIL"},
    {S::ReplaceFailed, "ESME_RREPLACEFAIL"},
    {S::MessageQueueFull, "ESME_RMSGQFUL"},
    {S::InvalidServiceType, "ESME_RINVSERTYP"},
    {S::InvalidNumberOfDests, "ESME_RINVNUMDESTS"},
    {S::InvalidDistributionListName, "ESME_RINVDLNAME"},
    {S::InvalidDestFlag, "ESME_RINVDESTFLAG"},
    {S::InvalidSubmitWithReplace, "ESME_RINVSUBREP"},
    {S::InvalidEsmClass, "ESME_RINVESMCLASS"},
    {S::CannotSubmitToDistributionList, "ESME_RCNTSUBDL"},
    {S::SubmitFailed, "ESME_RSUBMITFAIL"},
    {S::InvalidSourceTon, "ESME_RINVSRCTON"},
    {S::InvalidSourceNpi, "ESME_RINVSRCNPI"},
    {S::InvalidDestTon, "ESME_RINVDSTTON"},
    {S::InvalidDestNpi, "ESME_RINVDSTNPI"},
    {S::InvalidSystemType, "ESME_RINVSYSTYP"},
    {S::InvalidReplaceFlag, "ESME_RINVREPFLAG"},
    {S::InvalidNumberOfMessages, "ESME_RINVNUMMSGS"},
    {S::Throttled, "ESME_RTHROTTLED"},
    {S::InvalidScheduleTime, "ESME_RINVSCHED"},
    {S::InvalidExpiry, "ESME_RINVEXPIRY"},
    {S::InvalidDefaultMessageId, "ESME_RINVDFTMSGID"},
    {S::TemporaryAppError, "ESME_RX_T_APPN"},
    {S::PermanentAppError, "ESME_RX_P_APPN"},
    {S::RejectAppError, "ESME_RX_R_APPN"},
    {S::QueryFailed, "ESME_RQUERYFAIL"},
    {S::InvalidTlvStream, "ESME_RINVTLVSTREAM"},
    {S::TlvNotAllowed, "ESME_RTLVNOTALLWD"},
    {S::InvalidTlvLength, "ESME_RINVTLVLEN"},
    {S::MissingTlv, "ESME_RMISSINGTLV"},
    {S::InvalidTlvValue, "ESME_RINVTLVVAL"},
    {S::DeliveryFailure, "ESME_RDELIVERYFAILURE"},
    {S::UnknownError, "ESME_RUNKNOWNERR"},
    {S::InvalidDataCoding, "ESME_RINVDCS"},
}};

static_assert(std::is_sorted(kNames.begin(), kNames.end()), "kNames must be sorted by value");

/// The kNames entry of status, or nullptr for a value not listed.
const std::pair<CommandStatus, std::string_view>* findEntry(CommandStatus status) noexcept
{
    const auto it = std::lower_bound(
        kNames.begin(), kNames.end(), status, [](const auto& entry, CommandStatus wanted) {
            return entry.first < wanted;
        });
    return (it != kNames.end() && it->first == status) ? &*it : nullptr;
}

} // namespace

std::string_view name(CommandStatus status) noexcept
{
    const auto* entry = findEntry(status);
    return entry != nullptr ? entry->second : "ESME_UNKNOWN";
}

bool isKnown(CommandStatus status) noexcept
{
    return findEntry(status) != nullptr;
}

bool isTransient(CommandStatus status) noexcept
{
    return status == S::SystemError || status == S::MessageQueueFull || status == S::Throttled
        || status == S::TemporaryAppError;
}

} // namespace smpp
