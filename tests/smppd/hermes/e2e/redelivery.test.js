'use strict';
// Outbound delivery rules seen from the operator's side (bridge -> deliver_sm): at most
// 10 deliver_sm unanswered per session (SessionConfig::outbound_window); a transient status (0x58 throttled) or
// no answer brings the message again; a permanent status (0x65) ends it (not sent again).

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('../../../interop/lib/harness');
const v = require('./lib/vocalcom');

test('outbound window, redelivery and permanent failure', { timeout: 60000 }, async (t) => {
    const env = await v.startVocalcom({ settings: { 'Server.ResponseTimeout': 2 } });
    const bridge = new v.BridgeClient(env.bridgePort);
    const rx = await h.bind(env.server.port, 'receiver');
    rx.inbox.autoRespond = false;
    t.after(async () => {
        bridge.close();
        await h.close(rx.session);
        await env.stop();
    });

    await t.test('no more than 10 deliver_sm unanswered per session', async () => {
        for (let i = 0; i < 25; i++) {
            assert.equal((await bridge.request({ op: 'send', campaign: '111', to: `3360000${String(i).padStart(4, '0')}`, text: `w${i}` })).ok, true);
        }
        await rx.inbox.waitFor((p) => p.source_addr === '111', 10, 5000);
        await h.sleep(700);
        assert.equal(rx.inbox.pdus.filter((p) => p.source_addr === '111').length, 10, 'window of 10 respected');
        // answer what is there; the rest follows
        const answered = new Set();
        const deadline = Date.now() + 15000;
        while (new Set(rx.inbox.pdus.filter((p) => p.source_addr === '111').map((p) => p.destination_addr)).size < 25) {
            for (const p of rx.inbox.pdus.filter((x) => x.source_addr === '111')) {
                if (!answered.has(p.sequence_number)) {
                    answered.add(p.sequence_number);
                    rx.session.send(p.response());
                }
            }
            assert.ok(Date.now() < deadline, 'all 25 delivered');
            await h.sleep(50);
        }
        for (const p of rx.inbox.pdus.filter((x) => x.source_addr === '111' && !answered.has(x.sequence_number))) {
            answered.add(p.sequence_number);
            rx.session.send(p.response());
        }
    });

    await t.test('0x58 (throttled) is redelivered, 0x65 is final', async () => {
        await bridge.request({ op: 'send', campaign: '222', to: '33611111111', text: 'transient' });
        await bridge.request({ op: 'send', campaign: '333', to: '33622222222', text: 'permanent' });
        const [first] = await rx.inbox.waitFor((p) => p.source_addr === '222', 1, 5000);
        rx.session.send(first.response({ command_status: 0x58 }));
        const [perm] = await rx.inbox.waitFor((p) => p.source_addr === '333', 1, 5000);
        rx.session.send(perm.response({ command_status: 0x65 }));
        const [, again] = await rx.inbox.waitFor((p) => p.source_addr === '222', 2, 15000);
        assert.equal(h.messageText(again.short_message), 'transient');
        assert.notEqual(again.sequence_number, first.sequence_number, 'a new sequence number');
        rx.session.send(again.response());
        await h.sleep(3000);
        assert.equal(rx.inbox.pdus.filter((p) => p.source_addr === '333').length, 1, 'a permanent failure is not retried');
        assert.equal(rx.inbox.pdus.filter((p) => p.source_addr === '222').length, 2);
    });

    await t.test('no answer at all: sent again after Server.ResponseTimeout', async () => {
        await bridge.request({ op: 'send', campaign: '444', to: '33633333333', text: 'silent' });
        const [first] = await rx.inbox.waitFor((p) => p.source_addr === '444', 1, 5000);
        const [, again] = await rx.inbox.waitFor((p) => p.source_addr === '444', 2, 20000);
        assert.notEqual(again.sequence_number, first.sequence_number);
        rx.session.send(again.response());
    });
});
