'use strict';
// SMPP over TLS in smppd.exe: Server.ListenParams tls=1 with relative Windows paths and a CA file
// (client certificates required). The npm `smpp` client binds TX + RX over TLS with a
// certificate the CA signed and gets its receipts; a client without one is refused, and
// smppd.log names OpenSSL's reason once.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const w = require('./lib/wine');

const { h } = w;

test('TLS: smppd.exe serves SMPP over TLS, client certificates required',
    { timeout: 120000, skip: w.unavailable() }, async (t) => {
        const dir = w.copyPackage('tls');
        const certs = h.makeTlsFiles(path.join(dir, 'certs'));
        const settings = await w.baseSettings({
            Mode: 'OPPORTUNITY',
            'Message.HandsetDelay': 0,
            'Server.ListenParams': 'tls=1;cert=certs\\server.pem;key=certs\\server.key;ca=certs\\ca.pem',
        });
        w.editConfig(dir, settings);
        w.startLauncher(dir);
        const sessions = [];
        t.after(async () => {
            await Promise.all(sessions.map(h.close));
            await w.killAll(dir);
        });
        await w.waitStarted(dir, 1, 40000);
        const port = settings['Server.ListenPort'];
        assert.match(w.logText(dir), new RegExp(`event=listening host=127\\.0\\.0\\.1 port=${port} tls=1`));

        const tls = {
            tls: true, rejectUnauthorized: false,
            cert: fs.readFileSync(certs.clientCert), key: fs.readFileSync(certs.clientKey),
        };
        const tx = await h.bind(port, 'transmitter', {}, tls);
        sessions.push(tx.session);
        const rx = await h.bind(port, 'receiver', {}, tls);
        sessions.push(rx.session);
        const ids = [];
        for (let i = 0; i < 5; i++) {
            ids.push(await h.submitOk(tx.session, {
                source_addr: '33600000001', destination_addr: '33611111111',
                registered_delivery: 1, short_message: `hello over TLS ${i}`,
            }));
        }
        const receipts = await rx.inbox.waitFor(
            (p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), ids.length, 15000, 'receipts');
        assert.ok(receipts.every((r) => /stat:DELIVRD/.test(h.messageText(r.short_message))));
        // smppd.log is written in batches: wait for the line.
        await w.until(() => /event=connection_accepted session=\d+ peer=127\.0\.0\.1 tls=1/.test(w.logText(dir)),
            10000, 'connection_accepted tls=1 in smppd.log', dir);

        await assert.rejects(h.bindRaw(port, 'transceiver', {}, { tls: true, rejectUnauthorized: false }));
        await w.until(() => /error="TLS handshake: peer did not return a certificate"/.test(w.logText(dir)),
            10000, 'the refused handshake in smppd.log', dir);
        assert.equal(w.count(w.logText(dir), 'TLS handshake: '), 1, 'one line for the refused handshake');
        assert.equal((await h.request(tx.session, 'enquire_link')).command_status, 0, 'the bound sessions carry on');
    });
