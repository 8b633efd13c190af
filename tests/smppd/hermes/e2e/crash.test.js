'use strict';
// SIGKILL of smppd while pushes are in flight: after a restart on the same store, every message
// that was acknowledged (submit_sm_resp) reaches Hermes; a message pushed twice carries the same
// Idempotency-Key both times.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const h = require('../../../interop/lib/harness');
const v = require('./lib/vocalcom');

/// Starts another smppd on the config of `server` (same store, same ports).
async function respawn(server) {
    const out = fs.openSync(path.join(server.dir, 'stdout2.log'), 'a');
    const child = spawn(h.smppdBinary(), ['--config', path.join(server.dir, 'smppd.config')], {
        cwd: server.dir, stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    await v.until(async () => {
        try {
            const s = await h.bind(server.port, 'transmitter');
            await h.close(s.session);
            return true;
        } catch (e) {
            return false;
        }
    }, 15000, 'smppd restarted');
    return child;
}

test('SIGKILL during pushes loses no acknowledged message', { timeout: 60000 }, async (t) => {
    // Hermes is slow (150 ms per push, 8 in parallel), so many pushes are in flight at the kill.
    const env = await v.startVocalcom({ standin: { mode: 'slow' }, settings: { 'Hermes.MaxRetryBackoff': 1 } });
    await env.hermes.control('slow', 150);
    let second = null;
    t.after(async () => {
        if (second) {
            second.kill('SIGTERM');
            await h.sleep(300);
            second.kill('SIGKILL');
        }
        await env.stop();
    });
    const { session } = await h.bind(env.server.port, 'transmitter');
    const acked = [];
    const sends = [];
    for (let i = 0; i < 400; i++) {
        sends.push(h.request(session, 'submit_sm', {
            source_addr: '33698765432', destination_addr: '33612345678', short_message: `crash ${i}`,
        }).then((resp) => {
            if (resp.command_status === 0) {
                acked.push(resp.message_id);
            }
        }, () => {}));
    }
    await v.until(() => env.hermes.records().length >= 40, 15000, 'some pushes done');
    env.server.child.kill('SIGKILL');
    await Promise.allSettled(sends);
    session.destroy();
    const before = env.hermes.records().length;
    assert.ok(acked.length > 40, `acked ${acked.length}`);
    assert.ok(before < acked.length, `the kill happened mid-way (${before} pushed of ${acked.length})`);

    await env.hermes.control('200');
    second = await respawn(env.server);
    await v.until(() => {
        const got = new Set(env.hermes.records().filter((r) => r.status === 200).map((r) => r.idempotencyKey));
        return acked.every((id) => got.has(id));
    }, 30000, 'every acknowledged message at Hermes after the restart');

    const records = env.hermes.records();
    for (const r of records) {
        assert.equal(JSON.parse(r.body).id, r.idempotencyKey, 'the body id is the Idempotency-Key');
    }
    const perKey = new Map();
    for (const r of records.filter((x) => x.status === 200)) {
        const texts = perKey.get(r.idempotencyKey) || new Set();
        texts.add(JSON.parse(r.body).text);
        perKey.set(r.idempotencyKey, texts);
    }
    for (const [key, texts] of perKey) {
        assert.equal(texts.size, 1, `key ${key} always names the same message`);
    }
    t.diagnostic(`acked=${acked.length} pushed_before_kill=${before} records=${records.length} unique=${perKey.size}`);
});
