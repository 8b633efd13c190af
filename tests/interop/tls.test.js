'use strict';
// SMPP over TLS (Server.ListenParams tls=1) with the `smpp` npm client (Node's TLS, not
// OpenSSL's client code as the C++ tests use): TX + RX with receipts and a burst of submits on
// the event loop; with a CA file, a client certificate is required and a refused handshake is
// one log line with OpenSSL's reason.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./lib/harness');

const TLS = { tls: true, rejectUnauthorized: false };

function smppdLog(server) {
    return fs.readFileSync(path.join(server.dir, 'logs', 'smppd.log'), 'utf8');
}

async function logShows(server, re, ms = 5000) {
    const deadline = Date.now() + ms;
    while (!re.test(smppdLog(server))) {
        if (Date.now() > deadline) {
            assert.fail(`smppd.log never matched ${re}:\n${server.log()}`);
        }
        await h.sleep(50);
    }
}

test('TLS', { timeout: 60000 }, async (t) => {
    const certs = h.makeTlsFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'smppd-tls-')));
    t.after(() => fs.rmSync(path.dirname(certs.ca), { recursive: true, force: true }));

    await t.test('TX + RX over TLS: receipts, and 500 submits in flight at once', async (st) => {
        const server = await h.startSmppd({ settings: {
            'Server.ListenParams': `tls=1;cert=${certs.cert};key=${certs.key}`,
            'Message.HandsetDelay': 0,
        } });
        const sessions = [];
        st.after(async () => {
            await Promise.all(sessions.map(h.close));
            await server.stop();
        });
        const tx = await h.bind(server.port, 'transmitter', {}, TLS);
        sessions.push(tx.session);
        const rx = await h.bind(server.port, 'receiver', {}, TLS);
        sessions.push(rx.session);
        await logShows(server, /event=connection_accepted session=2 peer=127\.0\.0\.1 tls=1/);

        const ids = await Promise.all(Array.from({ length: 500 }, (_, i) => h.submitOk(tx.session, {
            source_addr: '33600000001', destination_addr: '33611111111',
            registered_delivery: i < 20 ? 1 : 0, short_message: `tls ${i} ${'x'.repeat(100)}`,
        })));
        assert.equal(new Set(ids).size, 500);
        const receipts = await rx.inbox.waitFor(
            (p) => h.isReceipt(p) && ids.slice(0, 20).includes(p.receipted_message_id), 20, 15000, 'receipts');
        assert.ok(receipts.every((r) => /stat:DELIVRD/.test(h.messageText(r.short_message))));
    });

    await t.test('with a CA file: a client certificate is required', async (st) => {
        const server = await h.startSmppd({ settings: {
            'Server.ListenParams': `tls=1;cert=${certs.cert};key=${certs.key};ca=${certs.ca}`,
        } });
        const sessions = [];
        st.after(async () => {
            await Promise.all(sessions.map(h.close));
            await server.stop();
        });
        const signed = { ...TLS, cert: fs.readFileSync(certs.clientCert), key: fs.readFileSync(certs.clientKey) };
        const trx = await h.bind(server.port, 'transceiver', {}, signed);
        sessions.push(trx.session);
        assert.equal((await h.request(trx.session, 'enquire_link')).command_status, 0);

        await assert.rejects(h.bindRaw(server.port, 'transceiver', {}, TLS), 'no client certificate');
        await logShows(server, /event=connection_error session=\d+ peer=127\.0\.0\.1 account= error="TLS handshake: peer did not return a certificate"/);

        await assert.rejects(h.bindRaw(server.port, 'transceiver'), 'a plain client on the TLS port');
        await logShows(server, /error="TLS handshake: [^"]+"[^\n]*\n(.*\n)*.*error="TLS handshake: /);
        assert.equal(smppdLog(server).split('TLS handshake: ').length - 1, 2, 'one line per refused handshake');
        assert.equal((await h.request(trx.session, 'enquire_link')).command_status, 0, 'the bound session carries on');
    });
});
