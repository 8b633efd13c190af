'use strict';
// Outbound (architecture §1 flow 2): bridge "send" -> commit -> deliver_sm to a bound RX/TRX
// session (source = campaign, destination = phone); long texts split with UDH; GSM 7-bit when
// the text allows it, else UCS-2; queued while no receiver is bound.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('../../../interop/lib/harness');
const { reassemble, partInfo } = require('../../../interop/lib/longtext');
const v = require('./lib/vocalcom');

const CAMPAIGN = '33612345678';

test('outbound: bridge -> deliver_sm', { timeout: 60000 }, async (t) => {
    const env = await v.startVocalcom({ settings: { 'TcpServer.Token': 's3cret' } });
    const bridge = new v.BridgeClient(env.bridgePort);
    const rx = await h.bind(env.server.port, 'receiver');
    t.after(async () => {
        bridge.close();
        await h.close(rx.session);
        await env.stop();
    });

    await t.test('ping, and a wrong token: one error line, the connection closed, a log line', async () => {
        assert.deepEqual(await bridge.request({ op: 'ping', token: 's3cret' }), { ok: true });
        const intruder = new v.BridgeClient(env.bridgePort);
        t.after(() => intruder.close());
        const r = await intruder.request({ op: 'ping', token: 'nope' });
        assert.equal(r.ok, false);
        assert.equal(r.error, 'unauthorized');
        await v.until(() => intruder.closed, 5000, 'smppd closes the connection');
        await v.until(() => /event=bridge_auth_failed peer=127\.0\.0\.1:\d+ reason=wrong_token/.test(env.server.log()),
            5000, 'event=bridge_auth_failed in smppd.log');
        assert.ok(!env.server.log().includes('nope'), 'the token given is not logged');
        // the authorised connection carries on
        assert.deepEqual(await bridge.request({ op: 'ping', token: 's3cret' }), { ok: true });
    });

    await t.test('a short GSM text becomes one deliver_sm, source = campaign, destination = phone', async () => {
        const reply = await bridge.request({ op: 'send', token: 's3cret', campaign: CAMPAIGN, to: '33698765432', text: 'Votre RDV est confirmé', ref: 'c42-1' });
        assert.equal(reply.ok, true);
        assert.match(reply.id, /^[1-9]\d*$/);
        const [pdu] = await rx.inbox.waitFor((p) => p.destination_addr === '33698765432');
        assert.equal(pdu.source_addr, CAMPAIGN);
        assert.equal(pdu.data_coding, 0);
        assert.equal(h.messageText(pdu.short_message), 'Votre RDV est confirmé');
        assert.equal(pdu.esm_class & 0x3c, 0, 'not a receipt');
    });

    await t.test('a non-GSM text goes as UCS-2', async () => {
        const text = 'Привет! Ваша встреча подтверждена 😀';
        assert.equal((await bridge.request({ op: 'send', token: 's3cret', campaign: CAMPAIGN, to: '33600000002', text })).ok, true);
        const [pdu] = await rx.inbox.waitFor((p) => p.destination_addr === '33600000002');
        assert.equal(pdu.data_coding, 8);
        assert.equal(h.messageText(pdu.short_message), text);
    });

    await t.test('long texts are split with UDH, GSM and UCS-2', async () => {
        const gsm = 'Rappel: votre rendez-vous de demain est confirmé. Merci de votre confiance! '.repeat(5);
        const ucs = 'Напоминание: ваша встреча завтра в 10:00 подтверждена. '.repeat(3);
        await bridge.request({ op: 'send', token: 's3cret', campaign: '111', to: '33600000003', text: gsm });
        await bridge.request({ op: 'send', token: 's3cret', campaign: '222', to: '33600000004', text: ucs });
        const whole1 = await v.until(() => reassemble(rx.inbox.pdus, '111'), 10000, 'long GSM');
        assert.equal(whole1.text, gsm);
        assert.equal(whole1.parts, Math.ceil(gsm.length / 153));
        assert.ok(whole1.pdus.every((p) => p.data_coding === 0 && partInfo(p) !== null));
        const whole2 = await v.until(() => reassemble(rx.inbox.pdus, '222'), 10000, 'long UCS-2');
        assert.equal(whole2.text, ucs);
        assert.equal(whole2.parts, Math.ceil(ucs.length / 67));
        assert.ok(whole2.pdus.every((p) => p.data_coding === 8));
    });

    await t.test('pipelined sends on one connection: replies in order, every one delivered', async () => {
        const replies = await Promise.all([...Array(200).keys()].map((i) => bridge.request(
            { op: 'send', token: 's3cret', campaign: '333', to: `3361${String(i).padStart(7, '0')}`, text: `n${i}` })));
        const ids = replies.map((r) => BigInt(r.id));
        for (let i = 1; i < ids.length; i++) {
            assert.ok(ids[i] > ids[i - 1], 'ids increase in request order');
        }
        await rx.inbox.waitFor((p) => p.source_addr === '333', 200, 15000);
    });
});

test('outbound: queued while no receiver is bound', { timeout: 60000 }, async (t) => {
    const env = await v.startVocalcom();
    const bridge = new v.BridgeClient(env.bridgePort);
    let rx = null;
    t.after(async () => {
        bridge.close();
        if (rx) {
            await h.close(rx.session);
        }
        await env.stop();
    });
    const reply = await bridge.request({ op: 'send', campaign: CAMPAIGN, to: '33698765432', text: 'waiting' });
    assert.equal(reply.ok, true);
    await h.sleep(500);
    rx = await h.bind(env.server.port, 'transceiver');
    const [pdu] = await rx.inbox.waitFor((p) => p.destination_addr === '33698765432');
    assert.equal(h.messageText(pdu.short_message), 'waiting');
});
