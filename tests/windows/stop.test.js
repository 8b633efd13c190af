'use strict';
// Scenario 5: launcher.exe is asked to stop; smppd.exe unbinds its sessions (the client gets an
// unbind PDU), exits 0, and the launcher exits 0 without restarting it.
// How a stop request reaches a console launcher.exe under wine 8 (found with a probe program
// that registers a console control handler and waits on the POCOTRM<pid> event):
//   - SIGINT to the Linux wine process of the program: wine turns it into CTRL_C_EVENT for the
//     console control handlers (Poco's ServerApplication sets its termination event there).
//     This is Ctrl-C in the console, the documented way to stop it (README-windows.txt).
//   - setting the named event "POCOTRM<windows pid>" from another Windows program
//     (tests/windows/tools/stopevent.c): what Poco::Process::requestTermination does, and what
//     the launcher itself does to stop smppd.exe.
//   - not SIGTERM: wine ends the process at once, no handler runs (a hard kill).
//   - not `wine taskkill /pid N` without /f: wine's taskkill only closes windows, and a console
//     program has none ("Could not find process"); with /f it is TerminateProcess, a hard kill.
//   - a Windows service stop: `launcher.exe /registerService`, `sc start launcher`, `sc stop
//     launcher` work headless under wine (the SCM's stop control sets the same event).
//     Under wine 8 the failure-actions flag cannot be set (wine's ChangeServiceConfig2 refuses
//     that level); /registerService notes it and exits 0, since a new service has it off.
// Ctrl-C in a real console reaches every process attached to it, smppd.exe too: the third case
// sends SIGINT to both wine processes. Each case runs on its own package copy.

const test = require('node:test');
const assert = require('node:assert/strict');
const w = require('./lib/wine');

const { h } = w;

/// Records the unbind PDUs the server sends to a session (the harness answers them).
function recordUnbinds(session) {
    const got = [];
    session.on('unbind', (pdu) => got.push({ pdu, at: Date.now() }));
    return got;
}

async function stopCase(t, name, requestStop, options = {}) {
    const dir = w.copyPackage(name);
    const settings = await w.baseSettings({ Mode: 'OPPORTUNITY', 'Launcher.StopGrace': 20 });
    w.editConfig(dir, settings);
    const launcher = options.start ? await options.start(dir) : w.startLauncher(dir);
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        if (options.cleanup) {
            await options.cleanup(dir);
        }
        await w.killAll(dir);
    });
    await w.waitStarted(dir, 1, 40000);
    await w.until(() => w.launcherWinPid(dir), 10000, 'launcher pid in launcher.log', dir);
    const { tx, rx } = await w.bindTxRx(settings['Server.ListenPort']);
    sessions.push(tx.session, rx.session);
    const unbinds = [recordUnbinds(tx.session), recordUnbinds(rx.session)];
    const closed = [tx.session, rx.session].map((s) => new Promise((resolve) => s.on('close', resolve)));
    // a message in flight before the stop is still answered with its receipt
    const id = await h.submitOk(tx.session, {
        source_addr: '33600000005', destination_addr: '33611111111', registered_delivery: 1,
        short_message: 'before the stop',
    });
    await rx.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id, 1, 10000, 'receipt');

    const t0 = Date.now();
    await requestStop(dir, launcher);
    const exit = await launcher.waitExit(30000).catch((e) => {
        throw new Error(`${e.message}\n${w.tails(dir)}`);
    });
    if (!options.bothGetCtrlC) {
        assert.match(w.logText(dir, 'launcher.log'), /event=smppd_stopping pid=\d+/);
    }
    const stopMs = Date.now() - t0;
    await h.withTimeout(Promise.all(closed), 5000, 'sessions closed');
    t.diagnostic(`launcher.exe exited ${JSON.stringify(exit)} ${stopMs} ms after the stop request`);
    assert.equal(exit.code, 0, `launcher exit code\n${w.tails(dir)}`);
    assert.equal(unbinds[0].length, 1, `TX got an unbind\n${w.tails(dir)}`);
    assert.equal(unbinds[1].length, 1, 'RX got an unbind');
    const slog = w.logText(dir);
    assert.match(slog, /event=stop_requested/);
    assert.match(slog, /event=unbind_sent session=\d+ account=admin .*reason=server_stop/);
    assert.match(slog, /event=exit code=0/);
    const llog = w.logText(dir, 'launcher.log');
    // with Ctrl-C in both, smppd may exit 0 before the launcher sees its own stop request
    assert.match(llog, options.bothGetCtrlC ? /event=smppd_(stopped pid=\d+ code=0|exited_while_stopping code=0)/
        : /event=smppd_stopped pid=\d+ code=0/);
    assert.doesNotMatch(llog, /event=smppd_killed/, 'smppd left within the grace, not killed');
    assert.equal(w.count(llog, 'event=smppd_launched pid='), 1, 'not restarted');
    assert.match(llog, /event=launcher_exiting code=0/);
    await w.until(() => w.winePids(dir, 'smppd.exe').length === 0, 5000, 'smppd.exe gone', dir);
}

test('stop by Ctrl-C (SIGINT to the wine process of launcher.exe): unbind, exit 0',
    { timeout: 90000, skip: w.unavailable() }, async (t) => {
        await stopCase(t, 'stop ctrl-c', async (dir, launcher) => {
            process.kill(launcher.pid, 'SIGINT');
        });
    });

test('stop by the POCOTRM<pid> named event (Process::requestTermination): unbind, exit 0',
    { timeout: 90000, skip: w.unavailable() }, async (t) => {
        await stopCase(t, 'stop event', async (dir) => {
            const r = await w.runWineToEnd(w.tool('stopevent.exe'), [String(w.launcherWinPid(dir))]);
            assert.match(r.text, /^set/m, `stopevent.exe: ${r.text}`);
        });
    });

test('Ctrl-C in the console (SIGINT to launcher.exe and smppd.exe): unbind, exit 0',
    { timeout: 90000, skip: w.unavailable() }, async (t) => {
        await stopCase(t, 'stop ctrl-c both', async (dir, launcher) => {
            const smppd = w.winePids(dir, 'smppd.exe');
            assert.equal(smppd.length, 1, `smppd.exe wine process: ${smppd}`);
            process.kill(smppd[0], 'SIGINT');
            process.kill(launcher.pid, 'SIGINT');
        }, { bothGetCtrlC: true });
    });

/// The launcher run as a Windows service ("launcher"), seen as {pid, exited(), waitExit()}.
async function startService(dir) {
    const exe = w.winPath(`${dir}/launcher.exe`);
    const reg = await w.runWineToEnd(`${dir}/launcher.exe`, ['/registerService', '/displayName=smppd e2e']);
    assert.equal(reg.code, 0, `/registerService: ${reg.text}`);
    assert.ok(reg.text.includes(`registered the service 'launcher'`) && reg.text.includes(exe), reg.text);
    const start = await w.runWineToEnd('sc', ['start', 'launcher']);
    assert.equal(start.code, 0, `sc start: ${start.text}`);
    const waitExit = async (ms) => {
        await w.until(async () => /STATE\s*:\s*1\s+STOPPED/.test((await w.runWineToEnd('sc', ['query', 'launcher'])).text),
            ms, 'service STOPPED', dir);
        await w.until(() => /event=launcher_exiting code=/.test(w.logText(dir, 'launcher.log')), 5000, 'launcher exit line', dir);
        const m = /event=launcher_exiting code=(\d+)/.exec(w.logText(dir, 'launcher.log'));
        return { code: Number(m[1]), signal: null };
    };
    return { pid: null, exited: () => null, waitExit };
}

test('Windows service stop (sc stop launcher): unbind, exit 0',
    { timeout: 90000, skip: w.unavailable() }, async (t) => {
        await stopCase(t, 'stop service', async () => {
            const r = await w.runWineToEnd('sc', ['stop', 'launcher']);
            assert.equal(r.code, 0, `sc stop: ${r.text}`);
        }, {
            start: startService,
            cleanup: async (dir) => {
                await w.runWineToEnd('sc', ['stop', 'launcher']).catch(() => {});
                await w.runWineToEnd(`${dir}/launcher.exe`, ['/unregisterService']).catch(() => {});
            },
        });
    });
