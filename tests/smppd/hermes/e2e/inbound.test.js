'use strict';
// Inbound (architecture §1 flow 1): submit_sm -> commit -> HTTPS push to the Hermes stand-in
// (exact JSON, Idempotency-Key) -> receipt. Long and UCS-2 messages arrive as one UTF-8 text.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('../../../interop/lib/harness');
const { splitWithUdh } = require('../../../interop/lib/longtext');
const v = require('./lib/vocalcom');

const CAMPAIGN = '33612345678';
const PHONE = '33698765432';

function receiptFor(inbox, id, ms = 10000) {
    return inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id, 1, ms, `receipt ${id}`)
        .then((r) => r[0]);
}

function pushFor(hermes, id, ms = 10000) {
    return v.until(() => hermes.records().find((r) => r.idempotencyKey === id && r.status !== 0), ms, `push ${id}`);
}

test('inbound: submit_sm -> Hermes -> receipt', { timeout: 60000 }, async (t) => {
    const env = await v.startVocalcom();
    const { session, inbox } = await h.bind(env.server.port, 'transceiver');
    t.after(async () => {
        await h.close(session);
        await env.stop();
    });

    await t.test('the stand-in receives the exact JSON, the client a DELIVRD receipt', async () => {
        const before = Date.now();
        const id = await h.submitOk(session, {
            source_addr: PHONE, destination_addr: CAMPAIGN, registered_delivery: 1,
            short_message: 'Bonjour, je confirme le RDV',
        });
        const push = await pushFor(env.hermes, id);
        assert.equal(push.method, 'POST');
        assert.equal(push.uri, `/sms/${CAMPAIGN}`);
        assert.equal(push.contentType, 'application/json; charset=utf-8');
        const body = JSON.parse(push.body);
        assert.deepEqual(Object.keys(body), ['id', 'campaign', 'from', 'to', 'text', 'systemId', 'receivedAt', 'parts']);
        assert.deepEqual({ ...body, receivedAt: undefined }, {
            id, campaign: CAMPAIGN, from: PHONE, to: CAMPAIGN, text: 'Bonjour, je confirme le RDV',
            systemId: 'admin', receivedAt: undefined, parts: 1,
        });
        assert.match(body.receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.ok(Math.abs(Date.parse(body.receivedAt) - before) < 5000);
        const receipt = await receiptFor(inbox, id);
        assert.match(h.messageText(receipt.short_message), new RegExp(`^id:${id} .*stat:DELIVRD err:000`));
        assert.equal(receipt.source_addr, CAMPAIGN);
        assert.equal(receipt.destination_addr, PHONE);
    });

    await t.test('a UCS-2 submit arrives as UTF-8', async () => {
        const text = 'Привет, RDV à 10h €😀';
        const id = await h.submitOk(session, {
            source_addr: PHONE, destination_addr: CAMPAIGN, data_coding: 8, registered_delivery: 1,
            short_message: text,
        });
        const body = JSON.parse((await pushFor(env.hermes, id)).body);
        assert.equal(body.text, text);
        await receiptFor(inbox, id);
    });

    await t.test('a 3-part GSM message is one push with the whole text; every part gets its receipt', async () => {
        const text = 'La réunion est déplacée à demain 10h. '.repeat(11).slice(0, 400);
        const parts = splitWithUdh(text, 153, 0x77);
        assert.equal(parts.length, 3);
        const ids = [];
        for (const short_message of parts) {
            ids.push(await h.submitOk(session, {
                source_addr: '33611111111', destination_addr: CAMPAIGN, data_coding: 0,
                registered_delivery: 1, short_message,
            }));
        }
        const push = await pushFor(env.hermes, ids[0]);
        const body = JSON.parse(push.body);
        assert.equal(body.text, text);
        assert.equal(body.parts, 3);
        assert.equal(body.from, '33611111111');
        for (const id of ids) {
            const r = await receiptFor(inbox, id);
            assert.match(h.messageText(r.short_message), /stat:DELIVRD/);
        }
        assert.equal(env.hermes.records().filter((r) => ids.includes(r.idempotencyKey)).length, 1);
    });

    await t.test('a 2-part UCS-2 message with a 16-bit reference', async () => {
        const text = 'Καλημέρα κόσμε! Rendez-vous confirmé 👍 '.repeat(3);
        const parts = splitWithUdh(text, 66, 0x1234, true);
        assert.equal(parts.length, 2);
        const ids = [];
        for (const short_message of parts) {
            ids.push(await h.submitOk(session, {
                source_addr: '33622222222', destination_addr: CAMPAIGN, data_coding: 8, short_message,
            }));
        }
        const body = JSON.parse((await pushFor(env.hermes, ids[0])).body);
        assert.equal(body.text, text);
        assert.equal(body.parts, 2);
    });

    await t.test('Hermes answering 400: receipt REJECTD err:400 at once, no retry', async () => {
        await env.hermes.control('400');
        const t0 = Date.now();
        const id = await h.submitOk(session, {
            source_addr: PHONE, destination_addr: CAMPAIGN, registered_delivery: 1, short_message: 'bad',
        });
        const receipt = await receiptFor(inbox, id, 5000);
        assert.match(h.messageText(receipt.short_message), /stat:REJECTD err:400/);
        assert.equal(receipt.message_state, 8);
        assert.ok(Date.now() - t0 < 3000, 'rejected at once');
        await h.sleep(300);
        assert.equal(env.hermes.records().filter((r) => r.idempotencyKey === id).length, 1);
        await env.hermes.control('200');
    });
});

test('inbound: Hermes down with 503, then back: nothing lost, all DELIVRD', { timeout: 60000 }, async (t) => {
    // "503 for a minute" scaled down: 6 s of 503 with Hermes.MaxRetryBackoff=2 (1 s, 2 s, 2 s...)
    const env = await v.startVocalcom({ standin: { mode: '503' }, settings: { 'Hermes.MaxRetryBackoff': 2 } });
    const { session, inbox } = await h.bind(env.server.port, 'transceiver');
    t.after(async () => {
        await h.close(session);
        await env.stop();
    });
    const ids = [];
    for (let i = 0; i < 50; i++) {
        ids.push(await h.submitOk(session, {
            source_addr: PHONE, destination_addr: CAMPAIGN, registered_delivery: 1, short_message: `msg ${i}`,
        }));
    }
    await h.sleep(6000);
    const during = env.hermes.records();
    assert.ok(during.length >= 100, `retried while down (${during.length} attempts)`);
    assert.ok(during.every((r) => r.status === 503));
    assert.equal(inbox.pdus.filter(h.isReceipt).length, 0, 'no receipt while Hermes is down');
    await env.hermes.control('200');
    const receipts = await inbox.waitFor((p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), ids.length, 20000);
    assert.ok(receipts.every((r) => /stat:DELIVRD err:000/.test(h.messageText(r.short_message))));
    const accepted = new Set(env.hermes.records().filter((r) => r.status === 200).map((r) => r.idempotencyKey));
    for (const id of ids) {
        assert.ok(accepted.has(id), `message ${id} reached Hermes`);
    }
});

test('inbound: a hung Hermes never slows the SMPP session; timeouts are retried', { timeout: 60000 }, async (t) => {
    const env = await v.startVocalcom({
        standin: { mode: 'hang' }, settings: { 'Hermes.Timeout': 1, 'Hermes.MaxRetryBackoff': 1 },
    });
    const { session, inbox } = await h.bind(env.server.port, 'transceiver');
    t.after(async () => {
        await h.close(session);
        await env.stop();
    });
    const t0 = Date.now();
    const ids = [];
    for (let i = 0; i < 30; i++) {
        ids.push(await h.submitOk(session, {
            source_addr: PHONE, destination_addr: CAMPAIGN, registered_delivery: 1, short_message: `hung ${i}`,
        }));
    }
    assert.ok(Date.now() - t0 < 3000, `30 submit_sm answered in ${Date.now() - t0} ms while Hermes hangs`);
    await h.sleep(1500);
    assert.equal(inbox.pdus.filter(h.isReceipt).length, 0);
    await env.hermes.control('200');
    const receipts = await inbox.waitFor((p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), ids.length, 20000);
    assert.ok(receipts.every((r) => /stat:DELIVRD/.test(h.messageText(r.short_message))));
});
