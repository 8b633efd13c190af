'use strict';
// Scenario 3: smppd.exe is killed: launcher.exe restarts it, the client binds again, and every
// message acknowledged before the kill is delivered after the restart (bridge sends while no
// receiver was bound, and the receipts of submits pushed to Hermes before the kill).
// The kill is TerminateProcess(pid, 1) from another Windows program (tools/terminate.c), what
// Task Manager's "End task" and `taskkill /f` do, or a SIGKILL of smppd.exe's Linux wine
// process, which wine 8 reports as exit code 0: the launcher restarts smppd after any exit it did
// not ask for, 0 included (launcher.log: reason=exit-0-unasked).
// Scenario 6: a hung smppd.exe (every thread suspended, as Process Explorer's "Suspend" does,
// with tests/windows/tools/suspend.c: no heartbeat) is killed by the launcher and restarted.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const w = require('./lib/wine');
const v = require('../smppd/hermes/e2e/lib/vocalcom');

const { h } = w;
const CAMPAIGN = '33612345678';

async function killCase(t, name, kill) {
    const dir = w.copyPackage(name);
    const hermes = await v.startStandin({ dir: fs.mkdtempSync(path.join(w.WORK, 'standin-')) });
    fs.mkdirSync(path.join(dir, 'certs'));
    fs.copyFileSync(hermes.cert, path.join(dir, 'certs', 'hermes.pem'));
    const settings = await w.baseSettings({
        Mode: 'VOCALCOM',
        UrlHermes: `https://127.0.0.1:${hermes.port}/sms/{campaign}`,
        'Hermes.CaFile': 'certs\\hermes.pem',
        'Hermes.Timeout': 5,
    });
    w.editConfig(dir, settings);
    const launcher = w.startLauncher(dir);
    const sessions = [];
    let bridge = null;
    t.after(async () => {
        if (bridge) {
            bridge.close();
        }
        await Promise.all(sessions.map(h.close));
        await w.killAll(dir);
        await hermes.stop();
    });
    await w.waitStarted(dir, 1, 40000);

    // before the kill: no receiver bound; bridge sends and submits with receipts
    bridge = new v.BridgeClient(settings['TcpServer.ListenPort']);
    const sent = [];
    for (let i = 0; i < 5; i++) {
        const to = `3369000000${i}`;
        const r = await bridge.request({ op: 'send', campaign: CAMPAIGN, to, text: `avant le kill ${i}` });
        assert.equal(r.ok, true, JSON.stringify(r));
        sent.push({ id: r.id, to, text: `avant le kill ${i}` });
    }
    bridge.close();
    bridge = null;
    const tx = await h.bind(settings['Server.ListenPort'], 'transmitter');
    sessions.push(tx.session);
    const submitted = [];
    for (let i = 0; i < 3; i++) {
        submitted.push(await h.submitOk(tx.session, {
            source_addr: '33611111111', destination_addr: CAMPAIGN, registered_delivery: 1,
            short_message: `submit avant le kill ${i}`,
        }));
    }
    // the pushes are done (receipts now wait in the store for a receiver)
    await w.until(() => submitted.every((id) => hermes.records().some((r) => r.idempotencyKey === id)),
        15000, 'pushes before the kill', dir);

    const firstWinPid = w.lastSmppdWinPid(dir);
    const killedAt = Date.now();
    await kill(dir, firstWinPid);

    await w.waitStarted(dir, 2, 30000);
    const restartMs = Date.now() - killedAt;
    const log = w.logText(dir, 'launcher.log');
    assert.match(log, /event=smppd_exited .* restart_in_s=/, 'the launcher saw the exit and restarts');
    assert.equal(w.count(log, 'event=smppd_launched pid='), 2);
    assert.notEqual(w.lastSmppdWinPid(dir), firstWinPid);
    assert.equal(launcher.exited(), null, 'launcher still running');
    t.diagnostic(`restarted ${restartMs} ms after the kill`);

    const rx = await h.bind(settings['Server.ListenPort'], 'receiver');
    sessions.push(rx.session);
    const mt = await rx.inbox.waitFor((p) => !h.isReceipt(p) && sent.some((s) => s.to === p.destination_addr),
        sent.length, 30000, 'bridge messages sent before the kill');
    for (const s of sent) {
        const pdu = mt.find((p) => p.destination_addr === s.to);
        assert.equal(h.messageText(pdu.short_message), s.text);
        assert.equal(pdu.source_addr, CAMPAIGN);
    }
    const receipts = await rx.inbox.waitFor((p) => h.isReceipt(p) && submitted.includes(p.receipted_message_id),
        submitted.length, 30000, 'receipts of the submits before the kill');
    assert.ok(receipts.every((r) => /stat:DELIVRD/.test(h.messageText(r.short_message))));
}

test('smppd.exe killed (TerminateProcess, code 1): restarted, acknowledged messages delivered',
    { timeout: 150000, skip: w.unavailable() }, async (t) => {
        await killCase(t, 'kill', async (dir, winPid) => {
            const r = await w.runWineToEnd(w.tool('terminate.exe'), [String(winPid), '1']);
            assert.match(r.text, /terminated/, `terminate.exe: ${r.text}`);
        });
    });

test('smppd.exe killed (SIGKILL of its Linux wine process): restarted, messages delivered', {
    timeout: 150000,
    skip: w.unavailable(),
}, async (t) => {
    await killCase(t, 'sigkill', async (dir) => {
        const pids = w.winePids(dir, 'smppd.exe');
        assert.equal(pids.length, 1, `one smppd.exe wine process in ${dir}: ${pids}`);
        process.kill(pids[0], 'SIGKILL');
    });
});

test('hung smppd.exe (all threads suspended): the launcher kills and restarts it',
    { timeout: 120000, skip: w.unavailable() }, async (t) => {
        const dir = w.copyPackage('hang');
        const settings = await w.baseSettings({ Mode: 'OPPORTUNITY' });
        w.editConfig(dir, settings);
        const launcher = w.startLauncher(dir);
        const sessions = [];
        t.after(async () => {
            await Promise.all(sessions.map(h.close));
            await w.killAll(dir);
        });
        await w.waitStarted(dir, 1, 40000);
        await w.until(() => /smppd_first_beat pid=/.test(w.logText(dir, 'launcher.log')), 10000, 'first beat', dir);
        const first = await h.bind(settings['Server.ListenPort'], 'transceiver');
        sessions.push(first.session);

        const winPid = w.lastSmppdWinPid(dir);
        const frozeAt = Date.now();
        const r = await w.runWineToEnd(w.tool('suspend.exe'), [String(winPid)]);
        assert.match(r.text, /suspended threads=[1-9]/, `suspend.exe: ${r.text}`);

        await w.until(() => /heartbeat_missed/.test(w.logText(dir, 'launcher.log')), 15000,
            'the launcher notices the missing heartbeat', dir);
        const detectMs = Date.now() - frozeAt;
        await w.until(() => w.count(w.logText(dir), 'event=started mode=') >= 2
            || /launcher_failed/.test(w.logText(dir, 'launcher.log')) || launcher.exited(),
        30000, 'smppd start #2', dir);
        if (/launcher_failed/.test(w.logText(dir, 'launcher.log'))) {
            await launcher.waitExit(5000).catch(() => {});
        }
        assert.doesNotMatch(w.logText(dir, 'launcher.log'), /launcher_failed/,
            `the launcher failed while killing the hung smppd.exe (launcher exit ${JSON.stringify(launcher.exited())}, `
            + `smppd.exe wine processes left: ${w.winePids(dir, 'smppd.exe').length})\n${w.tails(dir)}`);
        await w.waitStarted(dir, 2, 30000);
        const restartMs = Date.now() - frozeAt;
        const log = w.logText(dir, 'launcher.log');
        assert.match(log, /event=smppd_exited hung=1/);
        assert.notEqual(w.lastSmppdWinPid(dir), winPid);
        t.diagnostic(`hang detected after ${detectMs} ms, smppd started again after ${restartMs} ms`);

        const again = await h.bind(settings['Server.ListenPort'], 'transceiver');
        sessions.push(again.session);
        const id = await h.submitOk(again.session, {
            source_addr: '33600000009', destination_addr: '33611111111', registered_delivery: 1,
            short_message: 'after the hang',
        });
        await again.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id, 1, 15000, 'receipt');
        assert.equal(launcher.exited(), null, 'launcher still running');
        assert.equal(w.winePids(dir, 'smppd.exe').length, 1, 'the hung smppd.exe is gone');
    });
