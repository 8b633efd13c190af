'use strict';
// VOCALCOM with Debian's Kannel as the operator's ESME: a sendsms reaches the Hermes stand-in as
// one push with the whole text (long message too) and comes back as a delivered DLR; a bridge
// send (long, UCS-2) reaches Kannel's sms-service as one reassembled MO.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('../../../interop/lib/harness');
const kannel = require('../../../interop/lib/kannel');
const v = require('./lib/vocalcom');

async function waitOnline(k, ms) {
    await v.until(async () => {
        if (k.exited()) {
            throw new Error(`a Kannel box exited:\n${k.log()}`);
        }
        try {
            const s = (await k.status()).body;
            return /smppd\[smppd\].*\(online/.test(s) && /smsbox:/.test(s);
        } catch (e) {
            return false;
        }
    }, ms, 'Kannel online');
    await h.sleep(500); // sendsms port
}

test('VOCALCOM with Kannel', { skip: !kannel.available() && 'kannel not installed', timeout: 90000 }, async (t) => {
    kannel.stopSystemKannel();
    const env = await v.startVocalcom();
    const receiver = await kannel.startReceiver();
    const k = await kannel.startKannel({
        dir: path.join(env.server.dir, 'kannel'), smppPort: env.server.port, receiverPort: receiver.port,
    });
    const bridge = new v.BridgeClient(env.bridgePort);
    t.after(async () => {
        bridge.close();
        await k.stop();
        await receiver.close();
        await env.stop();
    });
    await waitOnline(k, 20000);

    await t.test('sendsms -> Hermes push (exact text) -> DLR delivered', async () => {
        const dlrUrl = `http://${h.HOST}:${receiver.port}/dlr?type=%d&reply=%A&m=short`;
        const r = await k.sendsms({
            username: 'tester', password: 'testpw', from: '33600000001', to: '33612345678',
            text: 'Bonjour de Kannel', 'dlr-mask': '31', 'dlr-url': dlrUrl,
        });
        assert.equal(r.status, 202, r.body);
        const push = await v.until(() => env.hermes.records().find((x) => JSON.parse(x.body).from === '33600000001'),
            15000, 'push from Kannel');
        const body = JSON.parse(push.body);
        assert.equal(body.text, 'Bonjour de Kannel');
        assert.equal(body.campaign, '33612345678');
        assert.equal(body.systemId, 'admin');
        const dlr = await receiver.waitFor((x) => x.path === '/dlr' && x.query.m === 'short' && x.query.type === '1',
            20000, 'DLR delivered');
        assert.match(dlr.query.reply, new RegExp(`^id:${push.idempotencyKey} .*stat:DELIVRD`));
    });

    await t.test('a 400-character sendsms is one push with the whole text', async () => {
        const text = 'Message long envoye par Kannel a Hermes. '.repeat(10).slice(0, 400);
        const r = await k.sendsms({ username: 'tester', password: 'testpw', from: '33600000002', to: '33612345678', text });
        assert.equal(r.status, 202, r.body);
        const push = await v.until(() => env.hermes.records().find((x) => JSON.parse(x.body).from === '33600000002'),
            15000, 'long push');
        const body = JSON.parse(push.body);
        assert.equal(body.text, text);
        assert.equal(body.parts, 3);
    });

    await t.test('a long UCS-2 bridge send reaches Kannel as one MO', async () => {
        // no trailing space: Kannel's %a trims it (and would cut the last UCS-2 octet)
        const text = 'Напоминание: ваша встреча завтра в 10:00. '.repeat(3).trim();
        const reply = await bridge.request({ op: 'send', campaign: '33612345678', to: '33698765432', text });
        assert.equal(reply.ok, true);
        const mo = await receiver.waitFor((x) => x.path === '/mo', 20000, 'MO at the sms-service');
        // coding=2: Kannel hands the UCS-2 octets to %a as they are (UTF-16BE)
        assert.equal(mo.query.coding, '2');
        assert.equal(Buffer.from(mo.query.text, 'latin1').swap16().toString('utf16le'), text);
        assert.match(mo.query.from, /33612345678$/);
        assert.match(mo.query.to, /33698765432$/);
    });
});
