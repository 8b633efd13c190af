'use strict';
// Scenario 4: the package as shipped (UrlHermes empty in smppd.config): launcher.exe exits 64
// quickly and does not retry (launcher.log shows one start of smppd.exe and names the key).
// Also: smppd.exe --check-config on the shipped file exits 64 naming UrlHermes, and on a
// filled-in file exits 0.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const w = require('./lib/wine');

test('config error (UrlHermes empty as shipped): launcher.exe exits 64 at once, no retry',
    { timeout: 90000, skip: w.unavailable() }, async (t) => {
        const dir = w.copyPackage('config error');
        t.after(() => w.killAll(dir));
        const t0 = Date.now();
        const launcher = w.startLauncher(dir); // the shipped smppd.config, untouched
        const exit = await launcher.waitExit(40000);
        const ms = Date.now() - t0;
        t.diagnostic(`launcher.exe exited ${JSON.stringify(exit)} after ${ms} ms`);
        assert.equal(exit.code, 64, `exit code 64\n${w.tails(dir)}`);
        const log = w.logText(dir, 'launcher.log');
        assert.equal(w.count(log, 'event=smppd_launched pid='), 1, `one attempt only\n${log}`);
        assert.match(log, /reason=config-error hint=/);
        assert.match(log, /UrlHermes/);
        assert.match(log, /event=launcher_exiting code=64/);
        // nothing left running: the launcher waited for its smppd.exe
        await w.until(() => w.winePids(dir, 'smppd.exe').length === 0, 5000, 'no smppd.exe left', dir);
        // and stays that way (no retry after the exit either)
        await w.h.sleep(1500);
        assert.equal(w.count(w.logText(dir, 'launcher.log'), 'event=smppd_launched pid='), 1);
    });

test('smppd.exe --check-config: 64 naming UrlHermes as shipped, 0 once filled in',
    { timeout: 60000, skip: w.unavailable() }, async () => {
        const dir = w.copyPackage('check config');
        const exe = path.join(dir, 'smppd.exe');
        const bad = await w.runWineToEnd(exe, ['--check-config', w.winPath(path.join(dir, 'smppd.config'))]);
        assert.equal(bad.code, 64, bad.text);
        assert.match(bad.text, /UrlHermes/);
        w.editConfig(dir, { UrlHermes: 'https://hermes.example/sms/{campaign}' });
        const good = await w.runWineToEnd(exe, ['--check-config', w.winPath(path.join(dir, 'smppd.config'))]);
        assert.equal(good.code, 0, good.text);
    });
