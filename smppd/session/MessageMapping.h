#pragma once

#include "common/smpp/Pdu.h"
#include "smppd/store/Message.h"

#include <string>
#include <vector>

namespace smppd {

/// Builds the stored Message of a validated submit_sm from `origin` received at `now`:
/// payload = short_message (or message_payload), concatenation from the UDH (UDHI set) or the
/// SAR TLVs, schedule/validity parsed (relative times against now). id and target are left for
/// the store and the Router.
Message messageFromSubmitSm(const smpp::SubmitSm& pdu, const std::string& origin, TimePoint now);

/// Same for data_sm (content in message_payload; no schedule/validity fields).
Message messageFromDataSm(const smpp::DataSm& pdu, const std::string& origin, TimePoint now);

/// One Message per SME destination of a submit_multi (distribution lists are not expanded).
std::vector<Message> messagesFromSubmitMulti(
    const smpp::SubmitMulti& pdu, const std::string& origin, TimePoint now);

} // namespace smppd
