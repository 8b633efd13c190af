#include "common/smpp/CommandStatus.h"

namespace smpp {

namespace {

std::string_view basicName(CommandStatus status) noexcept
{
    switch (status) {
    case CommandStatus::Ok:
        return "ESME_ROK";
    case CommandStatus::InvalidMessageLength:
        return "ESME_RINVMSGLEN";
    case CommandStatus::InvalidCommandLength:
        return "ESME_RINVCMDLEN";
    case CommandStatus::InvalidCommandId:
        return "ESME_RINVCMDID";
    case CommandStatus::IncorrectBindStatus:
        return "ESME_RINVBNDSTS";
    case CommandStatus::AlreadyBound:
        return "ESME_RALYBND";
    case CommandStatus::InvalidPriorityFlag:
        return "ESME_RINVPRTFLG";
    case CommandStatus::InvalidRegisteredDelivery:
        return "ESME_RINVREGDLVFLG";
    case CommandStatus::SystemError:
        return "ESME_RSYSERR";
    case CommandStatus::InvalidSourceAddress:
        return "ESME_RINVSRCADR";
    case CommandStatus::InvalidDestAddress:
        return "ESME_RINVDSTADR";
    case CommandStatus::InvalidMessageId:
        return "ESME_RINVMSGID";
    case CommandStatus::BindFailed:
        return "ESME_RBINDFAIL";
    case CommandStatus::InvalidPassword:
        return "ESME_RINVPASWD";
    case CommandStatus::InvalidSystemId:
        return "ESME_RINVSYSID";
    case CommandStatus::CancelFailed:
        return "ESME_RCANCELFAIL";
    case CommandStatus::ReplaceFailed:
        return "ESME_RREPLACEFAIL";
    case CommandStatus::MessageQueueFull:
        return "ESME_RMSGQFUL";
    case CommandStatus::InvalidServiceType:
        return "ESME_RINVSERTYP";
    default:
        return {};
    }
}

std::string_view submitName(CommandStatus status) noexcept
{
    switch (status) {
    case CommandStatus::InvalidNumberOfDests:
        return "ESME_RINVNUMDESTS";
    case CommandStatus::InvalidDistributionListName:
        return "ESME_RINVDLNAME";
    case CommandStatus::InvalidDestFlag:
        return "ESME_RINVDESTFLAG";
    case CommandStatus::InvalidSubmitWithReplace:
        return "ESME_RINVSUBREP";
    case CommandStatus::InvalidEsmClass:
        return "ESME_RINVESMCLASS";
    case CommandStatus::CannotSubmitToDistributionList:
        return "ESME_RCNTSUBDL";
    case CommandStatus::SubmitFailed:
        return "ESME_RSUBMITFAIL";
    case CommandStatus::InvalidSourceTon:
        return "ESME_RINVSRCTON";
    case CommandStatus::InvalidSourceNpi:
        return "ESME_RINVSRCNPI";
    case CommandStatus::InvalidDestTon:
        return "ESME_RINVDSTTON";
    case CommandStatus::InvalidDestNpi:
        return "ESME_RINVDSTNPI";
    case CommandStatus::InvalidSystemType:
        return "ESME_RINVSYSTYP";
    case CommandStatus::InvalidReplaceFlag:
        return "ESME_RINVREPFLAG";
    case CommandStatus::InvalidNumberOfMessages:
        return "ESME_RINVNUMMSGS";
    case CommandStatus::Throttled:
        return "ESME_RTHROTTLED";
    case CommandStatus::InvalidScheduleTime:
        return "ESME_RINVSCHED";
    case CommandStatus::InvalidExpiry:
        return "ESME_RINVEXPIRY";
    case CommandStatus::InvalidDefaultMessageId:
        return "ESME_RINVDFTMSGID";
    case CommandStatus::TemporaryAppError:
        return "ESME_RX_T_APPN";
    case CommandStatus::PermanentAppError:
        return "ESME_RX_P_APPN";
    case CommandStatus::RejectAppError:
        return "ESME_RX_R_APPN";
    case CommandStatus::QueryFailed:
        return "ESME_RQUERYFAIL";
    default:
        return {};
    }
}

std::string_view tlvName(CommandStatus status) noexcept
{
    switch (status) {
    case CommandStatus::InvalidTlvStream:
        return "ESME_RINVTLVSTREAM";
    case CommandStatus::TlvNotAllowed:
        return "ESME_RTLVNOTALLWD";
    case CommandStatus::InvalidTlvLength:
        return "ESME_RINVTLVLEN";
    case CommandStatus::MissingTlv:
        return "ESME_RMISSINGTLV";
    case CommandStatus::InvalidTlvValue:
        return "ESME_RINVTLVVAL";
    case CommandStatus::DeliveryFailure:
        return "ESME_RDELIVERYFAILURE";
    case CommandStatus::UnknownError:
        return "ESME_RUNKNOWNERR";
    case CommandStatus::InvalidDataCoding:
        return "ESME_RINVDCS";
    default:
        return {};
    }
}

} // namespace

std::string_view name(CommandStatus status) noexcept
{
    for (auto* lookup : {&basicName, &submitName, &tlvName}) {
        if (const auto found = lookup(status); !found.empty()) {
            return found;
        }
    }
    return "ESME_UNKNOWN";
}

bool isTransient(CommandStatus status) noexcept
{
    return status == CommandStatus::SystemError || status == CommandStatus::MessageQueueFull
        || status == CommandStatus::Throttled || status == CommandStatus::TemporaryAppError;
}

} // namespace smpp
