'use strict';
// Scenario 1: launcher.exe with no arguments, started from another folder, reads smppd.config
// beside itself (a path with spaces) and starts smppd.exe; the heartbeat crosses the real named
// pipe (launcher.log "first beat", no "heartbeat missed" over several timeouts, one start only).
// An npm `smpp` client binds TX + RX (OPPORTUNITY mode), submits with registered_delivery and
// gets its receipts; a long message in concatenated UDH parts reaches the receiver and is
// reassembled, as tests/interop/long.test.js checks it.

const test = require('node:test');
const assert = require('node:assert/strict');
const w = require('./lib/wine');
const { splitWithUdh, reassemble } = require('../interop/lib/longtext');

const { h } = w;
const RX_RANGE = '33700000100';

test('OPPORTUNITY: launcher.exe (no arguments) -> smppd.exe, TX+RX, receipts, long message',
    { timeout: 120000, skip: w.unavailable() }, async (t) => {
        const dir = w.copyPackage('opportunity');
        const settings = await w.baseSettings({ Mode: 'OPPORTUNITY', 'Message.HandsetDelay': 0 });
        w.editConfig(dir, settings);
        const t0 = Date.now();
        const launcher = w.startLauncher(dir); // no arguments
        const sessions = [];
        t.after(async () => {
            await Promise.all(sessions.map(h.close));
            await w.killAll(dir);
        });
        await w.waitStarted(dir, 1, 40000);
        const startedAfter = Date.now() - t0;
        assert.match(w.logText(dir, 'launcher.log'),
            /config="?Z:(\\){1,2}.*opportunity copy(\\){1,2}smppd(\\){1,2}smppd\.config/i, 'the config beside launcher.exe');

        const { tx, rx } = await w.bindTxRx(settings['Server.ListenPort'], { address_range: RX_RANGE });
        sessions.push(tx.session, rx.session);

        await t.test('submit_sm with registered_delivery: a DELIVRD receipt per message', async () => {
            const ids = [];
            for (let i = 0; i < 5; i++) {
                ids.push(await h.submitOk(tx.session, {
                    source_addr: '33600000001', destination_addr: '33611111111',
                    registered_delivery: 1, short_message: `hello windows ${i}`,
                }));
            }
            const receipts = await rx.inbox.waitFor(
                (p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), ids.length, 15000, 'receipts');
            assert.deepEqual(new Set(receipts.map((r) => r.receipted_message_id)), new Set(ids));
            for (const r of receipts) {
                const text = h.messageText(r.short_message);
                assert.match(text, /stat:DELIVRD/);
                assert.match(text, new RegExp(`^id:${r.receipted_message_id} `));
            }
        });

        await t.test('400 GSM characters in 3 UDH parts reach the receiver and are reassembled', async () => {
            const seed = 'The quick brown fox jumps over the lazy dog 0123456789. ';
            const text = seed.repeat(8).slice(0, 400);
            const parts = splitWithUdh(text, 153, 0x42);
            assert.equal(parts.length, 3);
            const from = '33600000002';
            const ids = [];
            for (const short_message of parts) {
                ids.push(await h.submitOk(tx.session, {
                    source_addr: from, destination_addr: RX_RANGE, data_coding: 0,
                    registered_delivery: 1, short_message,
                }));
            }
            const whole = await w.until(() => reassemble(rx.inbox.pdus, from), 15000, 'the 3 parts', dir);
            assert.equal(whole.parts, 3);
            assert.equal(whole.text, text);
            const receipts = await rx.inbox.waitFor(
                (p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), 3, 15000, 'part receipts');
            assert.ok(receipts.every((r) => /stat:DELIVRD/.test(h.messageText(r.short_message))));
        });

        await t.test('heartbeat over the named pipe: beats, no hang-kill, one start', async () => {
            // run past twice the heartbeat timeout (4 s) since the start
            const minRun = 2 * 4000 + 1000;
            const ranFor = Date.now() - t0 - startedAfter;
            if (ranFor < minRun) {
                await h.sleep(minRun - ranFor);
            }
            const log = w.logText(dir, 'launcher.log');
            assert.match(log, /event=smppd_first_beat pid=\d+/, `launcher.log has no first beat:\n${w.tails(dir)}`);
            assert.doesNotMatch(log, /heartbeat_missed/);
            assert.doesNotMatch(log, /heartbeat_read_failed/);
            assert.equal(w.count(log, 'event=smppd_launched pid='), 1, 'one start only');
            assert.equal(launcher.exited(), null, 'launcher still running');
            await w.until(() => /event=bound session=\d+ account=admin mode=BOUND_RX/.test(w.logText(dir)),
                10000, 'the receiver\'s bound line in smppd.log', dir); // written in batches
        });
        t.diagnostic(`smppd started ${startedAfter} ms after launcher.exe`);
    });
