#!/usr/bin/env python3
"""Independent reference encoder for the golden PDUs of tests/common/smpp/CodecTest.cpp.

Writes one binary file per PDU into tests/fuzz/corpus/codec/ (the fuzz seed corpus) and prints
the hex, so the C++ golden vectors are checked against a second implementation.
Usage: tests/fuzz/make_codec_corpus.py [--print]
"""
import os
import struct
import sys


def c(s):
    return s.encode("latin-1") + b"\0"


def u8(v):
    return struct.pack(">B", v)


def u16(v):
    return struct.pack(">H", v)


def u32(v):
    return struct.pack(">I", v)


def tlv(tag, value):
    return u16(tag) + u16(len(value)) + value


def pdu(command_id, status, seq, body=b""):
    return u32(16 + len(body)) + u32(command_id) + u32(status) + u32(seq) + body


def bind(system_id, password, system_type, version, ton, npi, rng):
    return c(system_id) + c(password) + c(system_type) + u8(version) + u8(ton) + u8(npi) + c(rng)


def sm(service_type, ston, snpi, src, dton, dnpi, dst, esm, pid, prio, sched, valid, reg, repl,
       dc, dflt, msg, tlvs=b""):
    return (c(service_type) + u8(ston) + u8(snpi) + c(src) + u8(dton) + u8(dnpi) + c(dst)
            + u8(esm) + u8(pid) + u8(prio) + c(sched) + c(valid) + u8(reg) + u8(repl) + u8(dc)
            + u8(dflt) + u8(len(msg)) + msg + tlvs)


RECEIPT = (b"id:1234567890 sub:001 dlvrd:001 submit date:2511252310 done date:2511252311 "
           b"stat:DELIVRD err:000 text:hello")

GOLDEN = {
    "bind_transmitter": pdu(0x02, 0, 1, bind("esme1", "secret", "", 0x34, 1, 1, "")),
    "bind_receiver": pdu(0x01, 0, 2, bind("esme1", "secret", "SMPP", 0x33, 0, 0, "^1234")),
    "bind_transceiver": pdu(0x09, 0, 3, bind("kannel", "pw", "VMA", 0x34, 2, 1, "")),
    "bind_transmitter_resp": pdu(0x80000002, 0, 1, c("smppd") + tlv(0x0210, u8(0x34))),
    "bind_receiver_resp": pdu(0x80000001, 0, 2, c("smppd")),
    "bind_transceiver_resp": bytes.fromhex(
        "0000001d800000090000000000039943536d73632047570002100001" "34"),
    "bind_transceiver_resp_error": bytes.fromhex(
        "00000015800000090000000e00004db3534d534300"),
    "outbind": pdu(0x0B, 0, 4, c("smsc") + c("pw")),
    "unbind": pdu(0x06, 0, 5),
    "unbind_resp": pdu(0x80000006, 0, 5),
    "enquire_link": pdu(0x15, 0, 6),
    "enquire_link_resp": pdu(0x80000015, 0, 6),
    "generic_nack": pdu(0x80000000, 3, 7),
    "cancel_sm_resp": pdu(0x80000008, 0, 8),
    "replace_sm_resp": pdu(0x80000007, 0, 9),
    "submit_sm": pdu(0x04, 0, 10, sm("", 1, 1, "447700900123", 1, 1, "447700900456", 0x00, 0,
                                      0, "", "000001000000000R", 1, 0, 0, 0, b"Hello @\0world",
                                      tlv(0x020C, u16(0x1234)) + tlv(0x020E, u8(2))
                                      + tlv(0x020F, u8(1)) + tlv(0x1400, b"\x01\x02"))),
    "submit_sm_resp": pdu(0x80000004, 0, 10, c("12345")),
    "submit_sm_resp_throttled": pdu(0x80000004, 0x58, 11),
    "deliver_sm_receipt": pdu(0x05, 0, 12, sm("", 1, 1, "447700900456", 1, 1, "447700900123",
                                               0x04, 0, 0, "", "", 0, 0, 0, 0, RECEIPT,
                                               tlv(0x001E, c("1234567890"))
                                               + tlv(0x0423, u8(3) + u16(0))
                                               + tlv(0x0427, u8(2)))),
    "deliver_sm_resp": pdu(0x80000005, 0, 12, c("")),
    "data_sm": pdu(0x103, 0, 13, c("WAP") + u8(1) + u8(1) + c("12345") + u8(2) + u8(1) + c("67890")
                   + u8(0) + u8(1) + u8(4)
                   + tlv(0x020A, u16(9200)) + tlv(0x020B, u16(2948))
                   + tlv(0x0424, b"\x00\x01payload")),
    "data_sm_resp": pdu(0x80000103, 0, 13, c("99") + tlv(0x0425, u8(1))),
    "submit_multi": pdu(0x21, 0, 14, c("") + u8(5) + u8(0) + c("Shop") + u8(2)
                        + u8(1) + u8(1) + u8(1) + c("447700900001")
                        + u8(2) + c("friends")
                        + u8(0x40) + u8(0) + u8(1) + c("251126120000000+") + c("") + u8(0x11)
                        + u8(0) + u8(8) + u8(0) + u8(8) + b"\x05\x00\x03\x2a\x02\x01\x00\x41"),
    "submit_multi_resp": pdu(0x80000021, 0, 14, c("77") + u8(1) + u8(1) + u8(1)
                             + c("447700900001") + u32(0x0B)),
    "query_sm": pdu(0x03, 0, 15, c("12345") + u8(1) + u8(1) + c("447700900123")),
    "query_sm_resp": pdu(0x80000003, 0, 15, c("12345") + c("251125231100000+") + u8(2) + u8(0)),
    "cancel_sm": pdu(0x08, 0, 16, c("") + c("12345") + u8(1) + u8(1) + c("447700900123")
                     + u8(1) + u8(1) + c("447700900456")),
    "replace_sm": pdu(0x07, 0, 17, c("12345") + u8(1) + u8(1) + c("447700900123")
                      + c("") + c("000000010000000R") + u8(1) + u8(0) + u8(3) + b"new"),
    "alert_notification": pdu(0x102, 0, 18, u8(1) + u8(1) + c("447700900123") + u8(1) + u8(1)
                              + c("esme") + tlv(0x0422, u8(0))),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "corpus", "codec")
    os.makedirs(out, exist_ok=True)
    for name, data in GOLDEN.items():
        assert struct.unpack(">I", data[:4])[0] == len(data), name
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(data)
        if "--print" in sys.argv:
            print(f"{name}: {data.hex()}")
    # one stream of several PDUs, to seed multi-frame inputs
    with open(os.path.join(out, "stream.bin"), "wb") as f:
        f.write(GOLDEN["enquire_link"] + GOLDEN["submit_sm"] + GOLDEN["unbind"])


if __name__ == "__main__":
    main()
