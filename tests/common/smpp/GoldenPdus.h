#pragma once

// Golden wire vectors for every PDU type, in both directions. The hex comes from the
// independent Python encoder tests/fuzz/make_codec_corpus.py (which also writes the fuzz seed
// corpus), except the two cloudhopper bind_transceiver_resp vectors of checklist §2.

#include "common/smpp/Pdu.h"

#include <string>
#include <vector>

namespace smpp::test {

struct Golden {
    std::string name;
    std::string hex;
    Pdu pdu;
};

inline const std::string kReceiptText =
    "id:1234567890 sub:001 dlvrd:001 submit date:2511252310 done date:2511252311 "
    "stat:DELIVRD err:000 text:hello";

inline SubmitSm goldenSubmitSm()
{
    SubmitSm b;
    b.source_addr_ton = 1;
    b.source_addr_npi = 1;
    b.source_addr = "447700900123";
    b.dest_addr_ton = 1;
    b.dest_addr_npi = 1;
    b.destination_addr = "447700900456";
    b.validity_period = "000001000000000R";
    b.registered_delivery = 1;
    b.short_message = std::string("Hello @\0world", 13);
    b.tlvs.sar_msg_ref_num = 0x1234;
    b.tlvs.sar_total_segments = 2;
    b.tlvs.sar_segment_seqnum = 1;
    b.tlvs.unknown.push_back(RawTlv{0x1400, std::string("\x01\x02", 2)});
    return b;
}

inline DeliverSm goldenReceipt()
{
    DeliverSm b;
    b.source_addr_ton = 1;
    b.source_addr_npi = 1;
    b.source_addr = "447700900456";
    b.dest_addr_ton = 1;
    b.dest_addr_npi = 1;
    b.destination_addr = "447700900123";
    b.esm_class = 0x04;
    b.short_message = kReceiptText;
    b.tlvs.receipted_message_id = "1234567890";
    b.tlvs.network_error_code = NetworkErrorCode{3, 0};
    b.tlvs.message_state = 2;
    return b;
}

inline DataSm goldenDataSm()
{
    DataSm b;
    b.service_type = "WAP";
    b.source_addr_ton = 1;
    b.source_addr_npi = 1;
    b.source_addr = "12345";
    b.dest_addr_ton = 2;
    b.dest_addr_npi = 1;
    b.destination_addr = "67890";
    b.registered_delivery = 1;
    b.data_coding = 4;
    b.tlvs.source_port = 9200;
    b.tlvs.destination_port = 2948;
    b.tlvs.message_payload = std::string("\x00\x01payload", 9);
    return b;
}

inline SubmitMulti goldenSubmitMulti()
{
    SubmitMulti b;
    b.source_addr_ton = 5;
    b.source_addr = "Shop";
    b.dest_addresses = {DestAddress{1, 1, 1, "447700900001"}, DestAddress{2, 0, 0, "friends"}};
    b.esm_class = 0x40;
    b.priority_flag = 1;
    b.schedule_delivery_time = "251126120000000+";
    b.registered_delivery = 0x11;
    b.data_coding = 8;
    b.short_message = std::string("\x05\x00\x03\x2a\x02\x01\x00\x41", 8);
    return b;
}

inline std::vector<Golden> goldenPdus()
{
    using S = CommandStatus;
    return {
        {"bind_transmitter",
            "0000002200000002000000000000000165736d653100736563726574000034010100",
            Pdu{S::Ok, 1, BindTransmitter{"esme1", "secret", "", 0x34, 1, 1, ""}}},
        {"bind_receiver",
            "0000002b00000001000000000000000265736d65310073656372657400534d5050003300005e313233340"
            "0",
            Pdu{S::Ok, 2, BindReceiver{"esme1", "secret", "SMPP", 0x33, 0, 0, "^1234"}}},
        {"bind_transceiver",
            "000000220000000900000000000000036b616e6e656c00707700564d410034020100",
            Pdu{S::Ok, 3, BindTransceiver{"kannel", "pw", "VMA", 0x34, 2, 1, ""}}},
        {"bind_transmitter_resp",
            "0000001b800000020000000000000001736d707064000210000134",
            Pdu{S::Ok, 1, BindTransmitterResp{"smppd", 0x34}}},
        {"bind_receiver_resp",
            "00000016800000010000000000000002736d70706400",
            Pdu{S::Ok, 2, BindReceiverResp{"smppd", std::nullopt}}},
        // checklist §2, cloudhopper success vector
        {"bind_transceiver_resp",
            "0000001d 80000009 00000000 00039943 536d736320475700 0210 0001 34",
            Pdu{S::Ok, 0x39943, BindTransceiverResp{"Smsc GW", 0x34}}},
        // checklist §2, cloudhopper error vector: system_id kept, no TLV
        {"bind_transceiver_resp_error",
            "00000015 80000009 0000000e 00004db3 534d534300",
            Pdu{S::InvalidPassword, 0x4db3, BindTransceiverResp{"SMSC", std::nullopt}}},
        {"outbind",
            "000000180000000b0000000000000004736d736300707700",
            Pdu{S::Ok, 4, Outbind{"smsc", "pw"}}},
        {"unbind", "00000010000000060000000000000005", Pdu{S::Ok, 5, Unbind{}}},
        {"unbind_resp", "00000010800000060000000000000005", Pdu{S::Ok, 5, UnbindResp{}}},
        {"enquire_link", "00000010000000150000000000000006", Pdu{S::Ok, 6, EnquireLink{}}},
        {"enquire_link_resp", "00000010800000150000000000000006", Pdu{S::Ok, 6, EnquireLinkResp{}}},
        {"generic_nack",
            "00000010800000000000000300000007",
            Pdu{S::InvalidCommandId, 7, GenericNack{}}},
        {"cancel_sm_resp", "00000010800000080000000000000008", Pdu{S::Ok, 8, CancelSmResp{}}},
        {"replace_sm_resp", "00000010800000070000000000000009", Pdu{S::Ok, 9, ReplaceSmResp{}}},
        {"submit_sm",
            "0000006c00000004000000000000000a000101343437373030393030313233000101343437373030393030"
            "34353600000000003030303030313030303030303030305200010000000d48656c6c6f204000776f726c64"
            "020c00021234020e000102020f000101140000020102",
            Pdu{S::Ok, 10, goldenSubmitSm()}},
        {"submit_sm_resp",
            "0000001680000004000000000000000a313233343500",
            Pdu{S::Ok, 10, SubmitSmResp{"12345"}}},
        // an error submit_sm_resp goes out header-only (checklist §1)
        {"submit_sm_resp_throttled",
            "0000001080000004000000580000000b",
            Pdu{S::Throttled, 11, SubmitSmResp{}}},
        {"deliver_sm_receipt",
            "000000bf00000005000000000000000c000101343437373030393030343536000101343437373030393030"
            "313233000400000000000000006b69643a31323334353637383930207375623a30303120646c7672643a30"
            "3031207375626d697420646174653a3235313132353233313020646f6e6520646174653a32353131323532"
            "33313120737461743a44454c49565244206572723a30303020746578743a68656c6c6f001e000b31323334"
            "35363738393000042300030300000427000102",
            Pdu{S::Ok, 12, goldenReceipt()}},
        {"deliver_sm_resp", "0000001180000005000000000000000c00", Pdu{S::Ok, 12, DeliverSmResp{}}},
        {"data_sm",
            "0000004000000103000000000000000d5741500001013132333435000201363738393000000104020a0002"
            "23f0020b00020b840424000900017061796c6f6164",
            Pdu{S::Ok, 13, goldenDataSm()}},
        {"data_sm_resp",
            "0000001880000103000000000000000d3939000425000101",
            Pdu{S::Ok, 13, DataSmResp{"99", Tlvs{.delivery_failure_reason = 1}}}},
        {"submit_multi",
            "0000005400000021000000000000000e00050053686f700002010101343437373030393030303031000266"
            "7269656e6473004000013235313132363132303030303030302b000011000800080500032a02010041",
            Pdu{S::Ok, 14, goldenSubmitMulti()}},
        {"submit_multi_resp",
            "0000002780000021000000000000000e373700010101343437373030393030303031000000000b",
            Pdu{S::Ok, 14, SubmitMultiResp{"77", {UnsuccessSme{1, 1, "447700900001", 0x0B}}}}},
        {"query_sm",
            "0000002500000003000000000000000f313233343500010134343737303039303031323300",
            Pdu{S::Ok, 15, QuerySm{"12345", 1, 1, "447700900123"}}},
        {"query_sm_resp",
            "0000002980000003000000000000000f3132333435003235313132353233313130303030302b000200",
            Pdu{S::Ok, 15, QuerySmResp{"12345", "251125231100000+", 2, 0}}},
        {"cancel_sm",
            "00000035000000080000000000000010003132333435000101343437373030393030313233000101343437"
            "37303039303034353600",
            Pdu{S::Ok, 16, CancelSm{"", "12345", 1, 1, "447700900123", 1, 1, "447700900456"}}},
        {"replace_sm",
            "0000003d000000070000000000000011313233343500010134343737303039303031323300003030303030"
            "3030313030303030303052000100036e6577",
            Pdu{S::Ok,
                17,
                ReplaceSm{"12345", 1, 1, "447700900123", "", "000000010000000R", 1, 0, "new"}}},
        {"alert_notification",
            "0000002b000001020000000000000012010134343737303039303031323300010165736d6500042200010"
            "0",
            Pdu{S::Ok,
                18,
                AlertNotification{
                    1, 1, "447700900123", 1, 1, "esme", Tlvs{.ms_availability_status = 0}}}},
    };
}

} // namespace smpp::test
