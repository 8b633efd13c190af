'use strict';
// Debian's Kannel 1.4.5 (bearerbox as the ESME, transceiver mode) against the real smppd:
// an SMS sent with sendsms over HTTP reaches smppd and comes back as a delivered DLR (after a
// buffered one when it has to wait), and an MO submitted by another SMPP client to Kannel's
// address_range reaches Kannel's sms-service.

const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const h = require('./lib/harness');
const kannel = require('./lib/kannel');

const KANNEL_RANGE = '33799000001';
const AWAY_ACCOUNT = '33655500001';

function canConnect(port) {
    return new Promise((resolve) => {
        const sock = net.connect({ host: h.HOST, port });
        sock.once('connect', () => {
            sock.destroy();
            resolve(true);
        });
        sock.once('error', () => resolve(false));
    });
}

/// Waits until bearerbox shows the smsc online, the smsbox connected and sendsms listening.
async function waitOnline(k, ms) {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
        if (k.exited()) {
            throw new Error(`a Kannel box exited: ${JSON.stringify(k.exited().exited)}\n${k.log()}`);
        }
        try {
            last = (await k.status()).body;
            if (/smppd\[smppd\].*\(online/.test(last) && /smsbox:/.test(last)
                && await canConnect(k.conf.sendsmsPort)) {
                return;
            }
        } catch (e) { /* bearerbox not listening yet */ }
        await h.sleep(200);
    }
    throw new Error(`Kannel's smsc did not come online within ${ms} ms:\n${last}\n${k.log()}`);
}

test('Kannel sendsms + DLR, and MO', { skip: !kannel.available() && 'kannel not installed', timeout: 60000 }, async (t) => {
    kannel.stopSystemKannel();
    // A second account, named like a number, for the message that waits (see below).
    const server = await h.startSmppd({
        accounts: [
            { systemId: 'admin', password: 'vocalcom' },
            { systemId: AWAY_ACCOUNT, password: 'awaypw' },
        ],
    });
    const receiver = await kannel.startReceiver();
    const k = await kannel.startKannel({
        dir: path.join(server.dir, 'kannel'),
        smppPort: server.port,
        receiverPort: receiver.port,
        addressRange: KANNEL_RANGE,
    });
    let client;
    t.after(async () => {
        await h.close(client);
        await k.stop();
        await receiver.close();
        await server.stop();
    });
    await waitOnline(k, 15000);

    await t.test('sendsms is delivered through smppd and Kannel gets the DLR (type 1)', async () => {
        const dlrUrl = `http://${h.HOST}:${receiver.port}/dlr?type=%d&reply=%A&smsc=%i`;
        const r = await k.sendsms({
            username: 'tester', password: 'testpw', from: '33600000001', to: '33612345678',
            text: 'Hello from Kannel', 'dlr-mask': '31', 'dlr-url': dlrUrl,
        });
        assert.equal(r.status, 202, `sendsms: ${r.body}`);
        // type 8 = the SMSC accepted it (submit_sm_resp 0), type 1 = delivered (receipt matched)
        const ack = await receiver.waitFor((x) => x.path === '/dlr' && x.query.type === '8', 15000, 'DLR 8 (SMSC ack)');
        assert.equal(ack.query.smsc, 'smppd');
        const dlr = await receiver.waitFor((x) => x.path === '/dlr' && x.query.type === '1', 20000, 'DLR 1 (delivered)');
        assert.match(dlr.query.reply, /^id:\S+ .*stat:DELIVRD/);
        assert.equal(receiver.hits.filter((x) => x.path === '/dlr' && ['2', '16'].includes(x.query.type)).length, 0,
            'no failed/rejected DLR');
    });

    await t.test('a 400-character sendsms goes out in parts, each accepted, and is delivered', async () => {
        const text = 'Kannel long message through smppd. '.repeat(12).slice(0, 400);
        const dlrUrl = `http://${h.HOST}:${receiver.port}/dlr?type=%d&reply=%A&smsc=%i&m=long`;
        const r = await k.sendsms({
            username: 'tester', password: 'testpw', from: '33600000001', to: '33612345679',
            text, 'dlr-mask': '31', 'dlr-url': dlrUrl,
        });
        assert.equal(r.status, 202, `sendsms: ${r.body}`);
        const dlr = await receiver.waitFor((x) => x.path === '/dlr' && x.query.m === 'long' && x.query.type === '1',
            20000, 'DLR 1 of the long message');
        assert.match(dlr.query.reply, /stat:DELIVRD/);
        assert.equal(receiver.hits.filter((x) => x.path === '/dlr' && ['2', '16'].includes(x.query.type)).length, 0,
            'no failed/rejected DLR');
    });

    // Kannel submits with registered_delivery 0x11 (dlr-mask 31 asks for buffered DLRs too).
    // The destination names an account that is not bound: smppd sends the intermediate
    // notification (esm_class 0x20, ENROUTE), which Kannel reports as DLR 4 (buffered) and must
    // not take for final: once the account binds and takes the message, DLR 1 follows.
    await t.test('a message that waits gets DLR 4 (buffered) from the notification, then DLR 1', async () => {
        const dlrUrl = `http://${h.HOST}:${receiver.port}/dlr?type=%d&reply=%A&m=away`;
        const r = await k.sendsms({
            username: 'tester', password: 'testpw', from: '33600000001', to: AWAY_ACCOUNT,
            text: 'Waiting for you', 'dlr-mask': '31', 'dlr-url': dlrUrl,
        });
        assert.equal(r.status, 202, `sendsms: ${r.body}`);
        const buffered = await receiver.waitFor((x) => x.path === '/dlr' && x.query.m === 'away' && x.query.type === '4',
            15000, 'DLR 4 (buffered)');
        assert.match(buffered.query.reply, /stat:ENROUTE/);
        const away = await h.bind(server.port, 'receiver', { system_id: AWAY_ACCOUNT, password: 'awaypw' });
        try {
            const [mo] = await away.inbox.waitFor((p) => !h.isReceipt(p), 1, 10000, 'the waiting message');
            assert.equal(h.messageText(mo.short_message), 'Waiting for you');
            const dlr = await receiver.waitFor((x) => x.path === '/dlr' && x.query.m === 'away' && x.query.type === '1',
                20000, 'DLR 1 (delivered) after the buffered one');
            assert.match(dlr.query.reply, /stat:DELIVRD/);
        } finally {
            await h.close(away.session);
        }
    });

    await t.test('an MO to Kannel\'s address_range reaches its sms-service', async () => {
        // Kannel holds one session of admin; this client takes the second (TX: receives nothing)
        const tx = await h.bind(server.port, 'transmitter', { address_range: '33700000041' });
        client = tx.session;
        await h.submitOk(client, {
            source_addr_ton: 1, source_addr_npi: 1, source_addr: '33698765432',
            dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: KANNEL_RANGE,
            data_coding: 0, short_message: 'MO to Kannel',
        });
        const mo = await receiver.waitFor((x) => x.path === '/mo', 20000, 'MO at the sms-service');
        assert.equal(mo.query.text, 'MO to Kannel');
        assert.match(mo.query.from, /^\+?33698765432$/);
        assert.match(mo.query.to, new RegExp(`^\\+?${KANNEL_RANGE}$`), 'Kannel adds + for TON 1');
        assert.equal(mo.query.smsc, 'smppd');
    });

    await t.test('a 3-part MO (UDH) is reassembled by Kannel', async () => {
        const { splitWithUdh } = require('./lib/longtext');
        const text = 'Long MO to Kannel, part after part. '.repeat(12).slice(0, 400);
        for (const short_message of splitWithUdh(text, 153, 0x77)) {
            await h.submitOk(client, {
                source_addr_ton: 1, source_addr_npi: 1, source_addr: '33698765433',
                dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: KANNEL_RANGE,
                data_coding: 0, short_message,
            });
        }
        const mo = await receiver.waitFor((x) => x.path === '/mo' && /33698765433$/.test(x.query.from), 20000,
            'the long MO at the sms-service');
        assert.equal(mo.query.text, text);
    });
});
