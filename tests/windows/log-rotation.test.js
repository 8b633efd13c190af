'use strict';
// Scenario 7: log rotation while another Windows process holds logs\smppd.log open the way a log
// tail or shipper does (FILE_SHARE_READ | FILE_SHARE_WRITE, no FILE_SHARE_DELETE:
// tests/windows/tools/holdfile.c). Windows (and wine) refuse to rename a file so held, so the
// rotation cannot happen while it is held. What must hold: smppd does not stall (every submit_sm
// is answered promptly and gets its receipt) and no line is lost (every "submit accepted" line
// is in smppd.log or one of its archives, exactly once), before, during and after the hold, and
// rotation resumes once the handle is closed.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const w = require('./lib/wine');

const { h } = w;
const ROTATE = 8 * 1024;

function archives(dir) {
    return fs.readdirSync(path.join(dir, 'logs')).filter((f) => /^smppd\.log\.\d{17}(\.\d+)?(\.gz)?$/.test(f)).length;
}

function size(dir) {
    try {
        return fs.statSync(path.join(dir, 'logs', 'smppd.log')).size;
    } catch (e) {
        return 0;
    }
}

/// Submits n messages one by one with receipts; returns {ids, worstMs}.
async function burst(session, inbox, n, tag) {
    const ids = [];
    let worstMs = 0;
    for (let i = 0; i < n; i++) {
        const t0 = Date.now();
        ids.push(await h.submitOk(session, {
            source_addr: '33600000007', destination_addr: '33611111111', registered_delivery: 1,
            short_message: `${tag} ${i} ${'x'.repeat(100)}`,
        }));
        worstMs = Math.max(worstMs, Date.now() - t0);
    }
    await inbox.waitFor((p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), n, 30000, `${tag} receipts`);
    return { ids, worstMs };
}

test('log rotation while smppd.log is held open by another process: no stall, nothing lost',
    { timeout: 150000, skip: w.unavailable() }, async (t) => {
        const dir = w.copyPackage('log rotation');
        const settings = await w.baseSettings({
            Mode: 'OPPORTUNITY',
            'Message.HandsetDelay': 0,
            'Log.Level': 'information',
            'Log.RotateSize': ROTATE,
            'Log.Keep': 1000, // nothing purged during the test: every line must still be there
        });
        w.editConfig(dir, settings);
        const launcher = w.startLauncher(dir);
        let holder = null;
        const sessions = [];
        t.after(async () => {
            if (holder && !holder.exited()) {
                holder.child.kill('SIGKILL');
            }
            await Promise.all(sessions.map(h.close));
            await w.killAll(dir);
        });
        await w.waitStarted(dir, 1, 40000);
        const { session, inbox } = await h.bind(settings['Server.ListenPort'], 'transceiver');
        sessions.push(session);

        const before = await burst(session, inbox, 40, 'before');
        await w.until(() => archives(dir) >= 1, 10000, 'a rotation before the hold', dir);
        const archivesBefore = archives(dir);

        const holdOut = path.join(dir, '..', 'holdfile.txt');
        holder = w.runWine(w.tool('holdfile.exe'), [w.winPath(path.join(dir, 'logs', 'smppd.log')), '600'],
            { outFile: holdOut });
        await w.until(() => /held|failed/.test(holder.output()), 20000, 'holdfile.exe holds smppd.log');
        assert.match(holder.output(), /held/, holder.output());

        const during = await burst(session, inbox, 80, 'during');
        const sizeDuring = size(dir);
        const archivesDuring = archives(dir);
        t.diagnostic(`while held: smppd.log ${sizeDuring} bytes (rotate at ${ROTATE}), archives ${archivesBefore} -> ${archivesDuring}, worst submit ${during.worstMs} ms`);

        holder.child.kill('SIGKILL'); // ends holdfile.exe: wine closes its handle
        await holder.waitExit(10000);
        const after = await burst(session, inbox, 40, 'after');
        await w.until(() => size(dir) < sizeDuring || archives(dir) > archivesDuring, 15000,
            'rotation resumes after the handle is closed', dir);

        // no stall: every submit answered promptly
        const worst = Math.max(before.worstMs, during.worstMs, after.worstMs);
        t.diagnostic(`worst submit_sm -> resp: before ${before.worstMs} ms, during ${during.worstMs} ms, after ${after.worstMs} ms`);
        assert.ok(worst < 3000, `a submit_sm took ${worst} ms`);

        // nothing lost: every accepted message has its line, once
        const all = [...before.ids, ...during.ids, ...after.ids];
        const lines = (text, id) => (text.match(new RegExp(`event=submit_accepted [^\\n]* message_id=${id}\\r?\\n`, 'g')) || []).length;
        let text = '';
        await w.until(() => {
            text = w.logText(dir, 'smppd.log', true);
            return all.every((id) => lines(text, id) > 0);
        }, 15000, 'every submit accepted line in the logs').catch(() => {});
        const missing = all.filter((id) => lines(text, id) === 0);
        const twice = all.filter((id) => lines(text, id) > 1);
        assert.deepEqual(missing, [], `"submit accepted" lines missing for ${missing.length} of ${all.length} messages\n${w.tails(dir)}`);
        assert.deepEqual(twice, [], 'no line written twice');
        assert.equal(launcher.exited(), null, 'launcher still running');
        assert.equal(w.count(w.logText(dir, 'launcher.log'), 'event=smppd_launched pid='), 1, 'smppd never restarted');
    });
