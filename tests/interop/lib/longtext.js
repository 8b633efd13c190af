'use strict';
// Splitting long texts into concatenated parts (UDH IE 0x00 / 0x08) and reassembling the parts a
// session receives (UDH, SAR TLVs or message_payload), as SMPP 3.4 and GSM 03.40 describe them.

const { messageText, isReceipt } = require('./harness');

/// Splits text into `per` code units per part (67 UCS-2 / 153 GSM basic characters) and returns
/// the short_message objects for the `smpp` package: {udh, message}. ref16: use IE 0x08.
function splitWithUdh(text, per, ref, ref16 = false) {
    const units = [];
    for (let i = 0; i < text.length; i += per) {
        let end = Math.min(i + per, text.length);
        // never split a UTF-16 surrogate pair
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) {
            end -= 1;
        }
        units.push(text.slice(i, end));
        i = end - per;
    }
    const total = units.length;
    return units.map((message, k) => {
        const udh = ref16
            ? Buffer.from([0x06, 0x08, 0x04, (ref >> 8) & 0xff, ref & 0xff, total, k + 1])
            : Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, k + 1]);
        return { udh, message };
    });
}

/// {ref, total, seq} of a deliver_sm part, from its UDH or SAR TLVs; null for a single message.
function partInfo(pdu) {
    const sm = pdu.short_message;
    if (sm && Array.isArray(sm.udh)) {
        for (const ie of sm.udh) {
            if (ie[0] === 0x00 && ie[1] === 3) {
                return { ref: ie[2], total: ie[3], seq: ie[4] };
            }
            if (ie[0] === 0x08 && ie[1] === 4) {
                return { ref: (ie[2] << 8) | ie[3], total: ie[4], seq: ie[5] };
            }
        }
    }
    if (pdu.sar_msg_ref_num !== undefined && pdu.sar_total_segments !== undefined) {
        return { ref: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
    }
    return null;
}

/// The text of one received PDU: short_message, else message_payload.
function pduText(pdu) {
    const sm = messageText(pdu.short_message);
    return sm !== '' ? sm : messageText(pdu.message_payload);
}

/// Tries to rebuild one whole message from the MO PDUs (receipts ignored) in pdus whose source
/// is `from`. Returns {text, parts, pdus} or null while incomplete.
function reassemble(pdus, from) {
    const mine = pdus.filter((p) => !isReceipt(p) && p.source_addr === from);
    const singles = mine.filter((p) => partInfo(p) === null);
    if (singles.length > 0) {
        return { text: pduText(singles[0]), parts: 1, pdus: [singles[0]] };
    }
    const groups = new Map();
    for (const p of mine) {
        const info = partInfo(p);
        const key = `${info.ref}/${info.total}`;
        if (!groups.has(key)) {
            groups.set(key, new Map());
        }
        groups.get(key).set(info.seq, p);
    }
    for (const [key, parts] of groups) {
        const total = Number(key.split('/')[1]);
        if (parts.size === total) {
            const ordered = [...Array(total).keys()].map((i) => parts.get(i + 1));
            if (ordered.every(Boolean)) {
                return { text: ordered.map(pduText).join(''), parts: total, pdus: ordered };
            }
        }
    }
    return null;
}

module.exports = { splitWithUdh, partInfo, pduText, reassemble };
