#pragma once

#include <cstdint>
#include <string_view>

namespace smpp {

/// SMPP command_status values (checklist §4; SMPP 3.4 §5.1.3, v5 §4.7.6).
/// The underlying type is the wire type, so any 32-bit value a peer sends can be held
/// (static_cast<CommandStatus>(x) is well defined for values not listed here).
enum class CommandStatus : std::uint32_t {
    Ok = 0x00,
    InvalidMessageLength = 0x01, ///< ESME_RINVMSGLEN
    InvalidCommandLength = 0x02, ///< ESME_RINVCMDLEN
    InvalidCommandId = 0x03, ///< ESME_RINVCMDID
    IncorrectBindStatus = 0x04, ///< ESME_RINVBNDSTS
    AlreadyBound = 0x05, ///< ESME_RALYBND
    InvalidPriorityFlag = 0x06, ///< ESME_RINVPRTFLG
    InvalidRegisteredDelivery = 0x07, ///< ESME_RINVREGDLVFLG
    SystemError = 0x08, ///< ESME_RSYSERR (transient)
    InvalidSourceAddress = 0x0A, ///< ESME_RINVSRCADR
    InvalidDestAddress = 0x0B, ///< ESME_RINVDSTADR
    InvalidMessageId = 0x0C, ///< ESME_RINVMSGID
    BindFailed = 0x0D, ///< ESME_RBINDFAIL
    InvalidPassword = 0x0E, ///< ESME_RINVPASWD
    InvalidSystemId = 0x0F, ///< ESME_RINVSYSID
    CancelFailed = 0x11, ///< ESME_RCANCELFAIL
    ReplaceFailed = 0x13, ///< ESME_RREPLACEFAIL
    MessageQueueFull = 0x14, ///< ESME_RMSGQFUL (transient)
    InvalidServiceType = 0x15, ///< ESME_RINVSERTYP
    InvalidNumberOfDests = 0x33, ///< ESME_RINVNUMDESTS
    InvalidDistributionListName = 0x34, ///< ESME_RINVDLNAME
    InvalidDestFlag = 0x40, ///< ESME_RINVDESTFLAG
    InvalidSubmitWithReplace = 0x42, ///< ESME_RINVSUBREP
    InvalidEsmClass = 0x43, ///< ESME_RINVESMCLASS
    CannotSubmitToDistributionList = 0x44, ///< ESME_RCNTSUBDL
    SubmitFailed = 0x45, ///< ESME_RSUBMITFAIL
    InvalidSourceTon = 0x48, ///< ESME_RINVSRCTON
    InvalidSourceNpi = 0x49, ///< ESME_RINVSRCNPI
    InvalidDestTon = 0x50, ///< ESME_RINVDSTTON
    InvalidDestNpi = 0x51, ///< ESME_RINVDSTNPI
    InvalidSystemType = 0x53, ///< ESME_RINVSYSTYP
    InvalidReplaceFlag = 0x54, ///< ESME_RINVREPFLAG
    InvalidNumberOfMessages = 0x55, ///< ESME_RINVNUMMSGS
    Throttled = 0x58, ///< ESME_RTHROTTLED (transient)
    InvalidScheduleTime = 0x61, ///< ESME_RINVSCHED
    InvalidExpiry = 0x62, ///< ESME_RINVEXPIRY
    InvalidDefaultMessageId = 0x63, ///< ESME_RINVDFTMSGID
    TemporaryAppError = 0x64, ///< ESME_RX_T_APPN (transient)
    PermanentAppError = 0x65, ///< ESME_RX_P_APPN
    RejectAppError = 0x66, ///< ESME_RX_R_APPN
    QueryFailed = 0x67, ///< ESME_RQUERYFAIL
    InvalidTlvStream = 0xC0, ///< ESME_RINVTLVSTREAM (3.4: ESME_RINVOPTPARSTREAM)
    TlvNotAllowed = 0xC1, ///< ESME_RTLVNOTALLWD
    InvalidTlvLength = 0xC2, ///< ESME_RINVTLVLEN
    MissingTlv = 0xC3, ///< ESME_RMISSINGTLV
    InvalidTlvValue = 0xC4, ///< ESME_RINVTLVVAL
    DeliveryFailure = 0xFE, ///< ESME_RDELIVERYFAILURE
    UnknownError = 0xFF, ///< ESME_RUNKNOWNERR
    InvalidDataCoding = 0x104, ///< ESME_RINVDCS (v5; POLICY for reserved data_coding)
};

/// The spec name of a status, e.g. "ESME_RTHROTTLED"; "ESME_UNKNOWN" for values not listed above.
std::string_view name(CommandStatus status) noexcept;

/// True if status is one of the values listed above (name() knows it), so callers need not
/// compare name() with its fallback.
bool isKnown(CommandStatus status) noexcept;

/// True for the codes an ESME is expected to retry (Kannel: 0x08, 0x14, 0x58, 0x64).
bool isTransient(CommandStatus status) noexcept;

/// The wire value of a status.
constexpr std::uint32_t toWire(CommandStatus status) noexcept
{
    return static_cast<std::uint32_t>(status);
}

} // namespace smpp
