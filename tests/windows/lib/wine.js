'use strict';
// Windows end-to-end helpers: runs the unzipped smppd-win64 package (launcher.exe, smppd.exe)
// under wine, driven from Linux, everything on 127.0.0.1. Set up by scripts/windows/e2e.sh:
//   SMPPD_WIN_PACKAGE  the unzipped smppd/ folder (read only: every test works on a copy)
//   SMPPD_WIN_WORK     a folder whose path has spaces, for the copies
//   SMPPD_WIN_TOOLS    holdfile.exe, suspend.exe, stopevent.exe (tests/windows/tools, mingw-w64)
//   WINEPREFIX         an initialised prefix (wineboot -i); WINEDEBUG=-all
//   HERMES_STANDIN_BIN the Linux Hermes stand-in (tests/hermes-standin)

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawn, execFileSync } = require('node:child_process');
const h = require('../../interop/lib/harness');

const PACKAGE = process.env.SMPPD_WIN_PACKAGE || '';
const WORK = process.env.SMPPD_WIN_WORK || '';
const TOOLS = process.env.SMPPD_WIN_TOOLS || '';
const PREFIX = process.env.WINEPREFIX || '';

/// Why the Windows tests cannot run here, or false.
function unavailable() {
    if (!PACKAGE || !fs.existsSync(path.join(PACKAGE, 'launcher.exe'))) {
        return 'SMPPD_WIN_PACKAGE (the unzipped smppd/ folder) not set: run scripts/windows/e2e.sh ZIP';
    }
    if (!WORK || !PREFIX) {
        return 'SMPPD_WIN_WORK / WINEPREFIX not set: run scripts/windows/e2e.sh ZIP';
    }
    return false;
}

function wineEnv() {
    return { ...process.env, WINEPREFIX: PREFIX, WINEDEBUG: '-all' };
}

/// The Windows path wine gives a Linux path (drive Z: is /).
function winPath(p) {
    return `Z:${path.resolve(p).replace(/\//g, '\\')}`;
}

/// A fresh copy of the package in "<work>/<name> copy/smppd" (a path with spaces).
function copyPackage(name) {
    const dir = path.join(WORK, `${name} copy`, 'smppd');
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.cpSync(PACKAGE, dir, { recursive: true });
    return dir;
}

function xmlAttr(value) {
    return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/// Edits smppd.config beside launcher.exe as an administrator would: each key of `settings`
/// gets its value in place (the shipped file lists every key), unknown ones are added at the end.
/// The file keeps its CRLF line ends. options.file: write another file of dir instead, made
/// from smppd.config as it is now.
function editConfig(dir, settings, options = {}) {
    const file = path.join(dir, options.file || 'smppd.config');
    let text = fs.readFileSync(path.join(dir, 'smppd.config'), 'utf8');
    const added = [];
    for (const [key, value] of Object.entries(settings)) {
        const re = new RegExp(`(<add key="${key.replace(/\./g, '\\.')}" value=")[^"]*(")`, 'i');
        if (re.test(text)) {
            text = text.replace(re, (_, a, b) => `${a}${xmlAttr(value)}${b}`);
        } else {
            added.push(`    <add key="${key}" value="${xmlAttr(value)}" />\r\n`);
        }
    }
    text = text.replace(/(\s*<\/appSettings>)/, (m) => `\r\n${added.join('')}${m.replace(/^\r?\n/, '')}`);
    fs.writeFileSync(file, text);
    return text;
}

/// The settings every test starts from: loopback only, free ports, fast heartbeat and restarts.
async function baseSettings(extra = {}) {
    return {
        'Server.ListenHost': h.HOST,
        'Server.ListenPort': await h.freePort(),
        'TcpServer.ListenHost': h.HOST,
        'TcpServer.ListenPort': await h.freePort(),
        'Admin.ListenPort': 0,
        'Server.DisconnectAfterLogout': 200,
        'Store.Path': 'data\\smppd.db', // relative to the config file, a Windows path
        'Log.Directory': 'logs',
        'Log.Level': 'debug', // the launcher's "first beat" line
        'Launcher.HeartbeatInterval': 1,
        'Launcher.HeartbeatTimeout': 4,
        'Launcher.MaxBackoff': 2,
        'Launcher.StopGrace': 15,
        'Launcher.StartTimeout': 30,
        ...extra,
    };
}

/// The text of logs/<name> in dir ('' when absent); rotated: also its archives, oldest first
/// (name.<UTC yyyymmddhhmmssmmm>, gzipped or not).
function logText(dir, name = 'smppd.log', rotated = false) {
    const logs = path.join(dir, 'logs');
    const read = (f) => {
        try {
            const bytes = fs.readFileSync(path.join(logs, f));
            return (f.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
        } catch (e) {
            return '';
        }
    };
    if (!rotated) {
        return read(name);
    }
    let files = [];
    try {
        files = fs.readdirSync(logs).filter((f) => f.startsWith(`${name}.`) && /\.\d{17}(\.\d+)?(\.gz)?$/.test(f))
            .sort();
        // While Poco compresses an archive both X and a partial X.gz exist: read X.
        files = files.filter((f) => !(f.endsWith('.gz') && files.includes(f.slice(0, -3))));
    } catch (e) { /* no folder yet */ }
    return files.map(read).join('') + read(name);
}

function count(text, needle) {
    return text.split(needle).length - 1;
}

/// The last lines of launcher.log, smppd.log and the launcher's console, for failure messages.
function tails(dir, lines = 25) {
    const tail = (t) => t.split('\n').slice(-lines).join('\n');
    let consoleText = '';
    try {
        consoleText = fs.readFileSync(path.join(dir, '..', 'launcher-console.txt'), 'utf8');
    } catch (e) { /* none */ }
    return `--- launcher.log\n${tail(logText(dir, 'launcher.log'))}\n--- smppd.log\n${tail(logText(dir))}`
        + `\n--- launcher console\n${tail(consoleText)}`;
}

/// Polls check() until it returns something truthy; throws with `what` and the logs after ms.
async function until(check, ms, what, dir) {
    const deadline = Date.now() + ms;
    for (;;) {
        const v = await check();
        if (v) {
            return v;
        }
        if (Date.now() > deadline) {
            throw new Error(`timeout after ${ms} ms: ${what}${dir ? `\n${tails(dir)}` : ''}`);
        }
        await h.sleep(100);
    }
}

/// Starts a Windows program under wine; its console output goes to `outFile`.
/// Returns {child, pid (the Linux pid of the program), exited(), waitExit(ms), output()}.
function runWine(exe, args, { cwd, outFile } = {}) {
    const out = outFile ? fs.openSync(outFile, 'a') : 'ignore';
    const child = h.track(spawn('wine', [exe, ...args], {
        cwd: cwd || path.dirname(exe),
        env: wineEnv(),
        stdio: ['ignore', out, out],
    }));
    if (outFile) {
        fs.closeSync(out);
    }
    let exited = null;
    const waiters = [];
    child.on('exit', (code, signal) => {
        exited = { code, signal };
        waiters.splice(0).forEach((w) => w());
    });
    return {
        child,
        pid: child.pid,
        exited: () => exited,
        waitExit: (ms) => h.withTimeout(new Promise((resolve) => {
            if (exited) {
                resolve(exited);
            } else {
                waiters.push(() => resolve(exited));
            }
        }), ms, `${path.basename(exe)} to exit`),
        output: () => (outFile && fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : ''),
    };
}

/// Runs a Windows program to its end and returns its output (stdout + stderr).
async function runWineToEnd(exe, args, ms = 30000) {
    const file = path.join(WORK, `out-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
    const p = runWine(exe, args, { outFile: file });
    let ex;
    try {
        ex = await p.waitExit(ms);
    } catch (e) {
        p.child.kill('SIGKILL');
        throw e;
    }
    const text = p.output();
    fs.rmSync(file, { force: true });
    return { code: ex.code, text };
}

/// Starts launcher.exe of the package copy `dir` with no arguments, from another working
/// folder (so smppd.config can only come from beside launcher.exe).
function startLauncher(dir, args = []) {
    return runWine(path.join(dir, 'launcher.exe'), args, {
        cwd: path.dirname(dir),
        outFile: path.join(dir, '..', 'launcher-console.txt'),
    });
}

/// Linux pids of the wine processes running `exeName` from the package copy `dir`.
function winePids(dir, exeName) {
    const wanted = winPath(path.join(dir, exeName)).toLowerCase();
    const pids = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        let cmd;
        try {
            cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').toLowerCase();
        } catch (e) {
            continue;
        }
        if (cmd.includes(wanted) || cmd.includes(path.join(dir, exeName).toLowerCase())) {
            pids.push(Number(entry));
        }
    }
    return pids;
}

function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return false;
    }
}

/// Kills (SIGKILL) whatever still runs from the package copy: for the tests' cleanup.
async function killAll(dir) {
    for (const exe of ['launcher.exe', 'smppd.exe', 'holdfile.exe']) {
        for (const pid of winePids(dir, exe)) {
            try {
                process.kill(pid, 'SIGKILL');
            } catch (e) { /* gone */ }
        }
    }
    await h.sleep(200);
}

/// Waits for smppd.log to say "event=started mode=" at least n times (each start of smppd).
function waitStarted(dir, n = 1, ms = 30000) {
    return until(() => count(logText(dir), 'event=started mode=') >= n, ms, `smppd start #${n}`, dir);
}

/// The Windows pid of the last smppd started by the launcher (launcher.log "smppd started pid=").
function lastSmppdWinPid(dir) {
    const m = [...logText(dir, 'launcher.log').matchAll(/event=smppd_launched pid=(\d+)/g)];
    return m.length ? Number(m[m.length - 1][1]) : null;
}

/// The launcher's own Windows pid (launcher.log "launcher started ... pid=").
function launcherWinPid(dir) {
    const m = /event=launcher_started version=\S+ pid=(\d+)/.exec(logText(dir, 'launcher.log'));
    return m ? Number(m[1]) : null;
}

/// Binds TX + RX (the `smpp` npm client) and returns {tx, rx} ({session, inbox} each).
async function bindTxRx(port, rxFields = {}) {
    const tx = await h.bind(port, 'transmitter');
    const rx = await h.bind(port, 'receiver', rxFields);
    return { tx, rx };
}

function tool(name) {
    return path.join(TOOLS, name);
}

function mcsAvailable() {
    try {
        execFileSync('mcs', ['--version'], { stdio: 'ignore' });
        execFileSync('mono', ['--version'], { stdio: 'ignore' });
        return true;
    } catch (e) {
        return false;
    }
}

module.exports = {
    h,
    PACKAGE,
    WORK,
    TOOLS,
    unavailable,
    wineEnv,
    winPath,
    copyPackage,
    editConfig,
    baseSettings,
    logText,
    count,
    tails,
    until,
    runWine,
    runWineToEnd,
    startLauncher,
    winePids,
    processAlive,
    killAll,
    waitStarted,
    lastSmppdWinPid,
    launcherWinPid,
    bindTxRx,
    tool,
    mcsAvailable,
};
