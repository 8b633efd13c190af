'use strict';
// Long messages both ways through smppd: concatenated submits (UDH IE 0x00 and 0x08, GSM 7-bit
// and UCS-2) and a message_payload submit are routed to another bound session, which rebuilds
// the same text from what it receives; each part gets its own receipt (checklist §6, row 54).

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { splitWithUdh, reassemble } = require('./lib/longtext');

const A = '33700000031';
const B = '33700000032';

function repeatTo(seed, n) {
    return seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
}

/// Waits until `pdus()` holds a complete message from `from`.
async function waitWhole(inbox, from, ms = 10000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const whole = reassemble(inbox.pdus, from);
        if (whole) {
            return whole;
        }
        if (Date.now() > deadline) {
            throw new Error(`timeout: incomplete long message from ${from}: ${inbox.pdus.length} PDUs`);
        }
        await h.sleep(50);
    }
}

/// Waits for a receipt for every id, at either session of the account (round-robin).
async function waitReceipts(inboxes, ids, ms = 10000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const got = inboxes.flatMap((i) => i.pdus).filter((p) => h.isReceipt(p) && ids.includes(p.receipted_message_id));
        if (new Set(got.map((p) => p.receipted_message_id)).size === ids.length) {
            return got;
        }
        if (Date.now() > deadline) {
            throw new Error(`timeout: ${got.length}/${ids.length} receipts`);
        }
        await h.sleep(50);
    }
}

test('long messages', { timeout: 60000 }, async (t) => {
    // two accounts, one session each: routing by address_range picks the account, and the
    // account's only session gets the parts (receipts go back to the submitting account)
    const server = await h.startSmppd({
        accounts: [
            { systemId: 'alice', password: 'alicepw' },
            { systemId: 'bob', password: 'bobpw' },
        ],
    });
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        await server.stop();
    });
    const a = await h.bind(server.port, 'transceiver', { system_id: 'alice', password: 'alicepw', address_range: A });
    const b = await h.bind(server.port, 'transceiver', { system_id: 'bob', password: 'bobpw', address_range: B });
    sessions.push(a.session, b.session);

    await t.test('400 GSM characters in 3 UDH parts, A -> B, one receipt per part', async () => {
        const text = repeatTo('The quick brown fox jumps over the lazy dog 0123456789. ', 400);
        const parts = splitWithUdh(text, 153, 0x42);
        assert.equal(parts.length, 3);
        const ids = [];
        for (const short_message of parts) {
            ids.push(await h.submitOk(a.session, {
                source_addr: A, destination_addr: B, data_coding: 0,
                registered_delivery: 1, short_message,
            }));
        }
        const whole = await waitWhole(b.inbox, A);
        assert.equal(whole.text, text);
        const receipts = await waitReceipts([a.inbox], ids);
        assert.ok(receipts.every((r) => /stat:DELIVRD/.test(h.messageText(r.short_message))));
    });

    await t.test('150 UCS-2 characters in 3 parts with a 16-bit reference, B -> A', async () => {
        const text = repeatTo('Привет мир! Καλημέρα κόσμε! こんにちは世界。Zażółć gęślą jaźń. ', 150);
        const parts = splitWithUdh(text, 66, 0x1234, true);
        assert.equal(parts.length, 3);
        for (const short_message of parts) {
            await h.submitOk(b.session, {
                source_addr: B, destination_addr: A, data_coding: 8, short_message,
            });
        }
        const whole = await waitWhole(a.inbox, B);
        assert.equal(whole.text, text);
        for (const p of whole.pdus) {
            assert.equal(p.data_coding & 0x0f, 8, 'UCS-2 stays UCS-2');
        }
    });

    await t.test('1000 GSM characters in message_payload, A -> B', async () => {
        // a fresh source so reassembly does not mix with the first case
        const src = '33700000039';
        const text = repeatTo('Lorem ipsum dolor sit amet, consectetur adipiscing elit; ', 1000);
        await h.submitOk(a.session, {
            source_addr: src, destination_addr: B, data_coding: 0,
            short_message: '', message_payload: text,
        });
        const whole = await waitWhole(b.inbox, src);
        assert.equal(whole.text, text);
    });
});
