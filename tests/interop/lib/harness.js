'use strict';
// Test harness for the interop tests: starts the real smppd with a temporary config on free
// loopback ports, and wraps the `smpp` npm client in promises with bounded timeouts.
// Everything stays on 127.0.0.1.

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const smpp = require('smpp');

const REPO = path.resolve(__dirname, '..', '..', '..');

// Every process a test starts is killed when the test process exits, even after a timeout or a
// crash that skipped the test's own cleanup.
const children = new Set();
process.on('exit', () => {
    for (const child of children) {
        try {
            child.kill('SIGKILL');
        } catch (e) { /* already gone */ }
    }
});

/// Registers a spawned process for the exit-time cleanup.
function track(child) {
    children.add(child);
    child.on('exit', () => children.delete(child));
    return child;
}
const HOST = '127.0.0.1';

/// The smppd executable: $SMPPD_BIN, else build/bin/smppd, else the newest build-*/bin/smppd.
function smppdBinary() {
    if (process.env.SMPPD_BIN) {
        return path.resolve(process.env.SMPPD_BIN);
    }
    const main = path.join(REPO, 'build', 'bin', 'smppd');
    if (fs.existsSync(main)) {
        return main;
    }
    const candidates = fs.readdirSync(REPO)
        .filter((d) => d.startsWith('build-'))
        .map((d) => path.join(REPO, d, 'bin', 'smppd'))
        .filter((p) => fs.existsSync(p))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    if (candidates.length === 0) {
        throw new Error('smppd not built: set SMPPD_BIN or build build/bin/smppd');
    }
    return candidates[0];
}

/// A loopback TCP port that was free a moment ago.
function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, HOST, () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/// Rejects with `what` after ms unless promise settles first.
function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function configXml(settings) {
    const lines = Object.entries(settings).map(
        ([k, v]) => `    <add key="${k}" value="${String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`);
    return `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n${lines.join('\n')}\n  </appSettings>\n</configuration>\n`;
}

/// Writes an Accounts.File document; accounts = [{systemId, password, maxSessions}].
function accountsXml(accounts) {
    const rows = accounts.map((a) => `  <account systemId="${a.systemId}" password="${a.password}"`
        + (a.maxSessions ? ` maxSessions="${a.maxSessions}"` : '') + '/>');
    return `<?xml version="1.0" encoding="utf-8"?>\n<accounts>\n${rows.join('\n')}\n</accounts>\n`;
}

/// A setting given this value gets a loopback port that was free a moment ago.
const FREE_PORT = Symbol('free port');
const EXIT_PORT_IN_USE = 69; // architecture: exit codes
const LAUNCH_ATTEMPTS = 3;

async function withFreePorts(wanted) {
    const settings = {};
    for (const [k, v] of Object.entries(wanted)) {
        settings[k] = v === FREE_PORT ? await freePort() : v;
    }
    return settings;
}

/// How many times smppd.log in dir says "started" (every listener open).
function startedLines(dir) {
    try {
        return fs.readFileSync(path.join(dir, 'logs', 'smppd.log'), 'utf8').split('event=started mode=').length - 1;
    } catch (e) {
        return 0; // not written yet
    }
}

/// Launches smppd once on `settings`; resolves {child, exited()} once it logs that it started,
/// or {exitCode} when it exits first.
async function launchOnce(dir, settings, log) {
    const configFile = path.join(dir, 'smppd.config');
    fs.writeFileSync(configFile, configXml(settings));
    const before = startedLines(dir);
    const out = fs.openSync(path.join(dir, 'stdout.log'), 'a');
    const child = track(spawn(smppdBinary(), ['--config', configFile], {
        cwd: dir,
        stdio: ['ignore', out, out],
    }));
    fs.closeSync(out);
    let exited = null;
    child.on('exit', (code, signal) => {
        exited = { code, signal };
    });
    const deadline = Date.now() + 10000;
    while (startedLines(dir) === before) {
        if (exited) {
            return { exitCode: exited.code, why: `smppd exited (${JSON.stringify(exited)}) before it started:\n${log()}` };
        }
        if (Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`smppd did not start within 10 s:\n${log()}`);
        }
        await sleep(20);
    }
    return { child, exited: () => exited };
}

/// Starts smppd with a fresh store and log folder; its SMPP and bridge ports are free loopback
/// ports unless options.settings names them. A free port is only free until smppd binds it: when
/// another test takes one first (exit 69), the ports are chosen again, up to 3 times.
/// options.settings: extra appSettings keys (FREE_PORT for a port to choose); options.accounts:
/// an Accounts.File to write. Returns {port, settings, dir, log(), stop()}.
async function startSmppd(options = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smppd-interop-'));
    const wanted = {
        'Server.ListenHost': HOST,
        'Server.ListenPort': FREE_PORT,
        'TcpServer.ListenHost': HOST,
        'TcpServer.ListenPort': FREE_PORT,
        'Store.Path': path.join(dir, 'smppd.db'),
        'Log.Directory': path.join(dir, 'logs'),
        'Server.DisconnectAfterLogout': 200,
        ...(options.settings || {}),
    };
    if (options.accounts) {
        const file = path.join(dir, 'accounts.xml');
        fs.writeFileSync(file, accountsXml(options.accounts));
        wanted['Accounts.File'] = file;
    }
    const log = () => {
        let text = '';
        try {
            text += fs.readFileSync(path.join(dir, 'stdout.log'), 'utf8');
        } catch (e) { /* not written yet */ }
        try {
            text += fs.readFileSync(path.join(dir, 'logs', 'smppd.log'), 'utf8');
        } catch (e) { /* no log file */ }
        return text.split('\n').slice(-40).join('\n');
    };
    const choosesPorts = Object.values(wanted).includes(FREE_PORT);
    let settings;
    let launched;
    for (let attempt = 1; ; attempt++) {
        settings = await withFreePorts(wanted);
        launched = await launchOnce(dir, settings, log);
        if (launched.child) {
            break;
        }
        if (launched.exitCode !== EXIT_PORT_IN_USE || !choosesPorts || attempt === LAUNCH_ATTEMPTS) {
            throw new Error(launched.why);
        }
    }
    const { child, exited } = launched;
    const port = settings['Server.ListenPort'];
    const stop = async () => {
        if (!exited()) {
            child.kill('SIGTERM');
            const t0 = Date.now();
            while (!exited() && Date.now() - t0 < 5000) {
                await sleep(20);
            }
            if (!exited()) {
                child.kill('SIGKILL');
            }
        }
        if (!process.env.KEEP_TMP) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    };
    return { port, settings, dir, child, log, stop, exited };
}

/// Collects the deliver_sm a session receives (answering each with deliver_sm_resp 0) and the
/// enquire_links (answered too), so tests can wait for a matching PDU.
class Inbox {
    constructor(session) {
        this.pdus = [];
        this.waiters = [];
        this.autoRespond = true;
        session.on('deliver_sm', (pdu) => {
            if (this.autoRespond) {
                session.send(pdu.response());
            }
            this.push(pdu);
        });
        session.on('data_sm', (pdu) => {
            session.send(pdu.response());
            this.push(pdu);
        });
        session.on('enquire_link', (pdu) => session.send(pdu.response()));
        session.on('unbind', (pdu) => session.send(pdu.response()));
    }

    push(pdu) {
        this.pdus.push(pdu);
        this.waiters = this.waiters.filter((w) => !w.check());
    }

    /// Resolves with the first `count` PDUs matching predicate (already received or to come).
    waitFor(predicate, count = 1, ms = 10000, what = 'deliver_sm') {
        let resolveFn;
        const promise = new Promise((resolve) => {
            resolveFn = resolve;
        });
        const waiter = {
            check: () => {
                const hits = this.pdus.filter(predicate);
                if (hits.length >= count) {
                    resolveFn(hits.slice(0, count));
                    return true;
                }
                return false;
            },
        };
        if (!waiter.check()) {
            this.waiters.push(waiter);
        }
        return withTimeout(promise, ms, `${count} x ${what} (got ${this.pdus.length} PDUs)`);
    }
}

/// Connects and sends bind_<kind> (transmitter|receiver|transceiver). Resolves with
/// {session, resp, inbox} whatever the status; rejects only on socket errors or timeout.
/// connect: more options for smpp.connect, e.g. TLS: {tls: true, rejectUnauthorized: false,
/// cert, key} (the bind then waits for the handshake).
function bindRaw(port, kind, fields = {}, connect = {}) {
    const session = smpp.connect({ host: HOST, port, ...connect });
    const inbox = new Inbox(session);
    const done = new Promise((resolve, reject) => {
        let bound = false;
        // keep a listener for good: an 'error' without one would throw out of the test
        session.on('error', (e) => {
            session.lastError = e;
            if (!bound) {
                reject(e);
            }
        });
        session.on('close', () => {
            if (!bound) {
                reject(new Error(`bind_${kind}: connection closed before bind_${kind}_resp`));
            }
        });
        session.once(connect.tls ? 'secureConnect' : 'connect', () => {
            session[`bind_${kind}`]({
                system_id: 'admin',
                password: 'vocalcom',
                interface_version: 0x34,
                ...fields,
            }, (resp) => {
                bound = true;
                resolve({ session, resp, inbox });
            });
        });
    });
    return withTimeout(done, 5000, `bind_${kind}`).catch((e) => {
        session.destroy();
        throw e;
    });
}

/// Like bindRaw but requires ESME_ROK; resolves with {session, inbox}.
async function bind(port, kind, fields = {}, connect = {}) {
    const r = await bindRaw(port, kind, fields, connect);
    if (r.resp.command_status !== 0) {
        r.session.destroy();
        throw new Error(`bind_${kind} ${fields.system_id || 'admin'}: status 0x${r.resp.command_status.toString(16)}`);
    }
    return { session: r.session, inbox: r.inbox };
}

/// Sends a request (submit_sm, enquire_link, ...) and resolves with its response PDU.
function request(session, command, fields = {}, ms = 5000) {
    const p = new Promise((resolve, reject) => {
        if (!session[command](fields, resolve)) {
            reject(new Error(`${command}: socket not writable`));
        }
    });
    return withTimeout(p, ms, `${command}_resp`);
}

/// Submits and requires ESME_ROK; resolves with the message_id.
async function submitOk(session, fields) {
    const resp = await request(session, 'submit_sm', fields);
    if (resp.command_status !== 0) {
        throw new Error(`submit_sm to ${fields.destination_addr}: status 0x${resp.command_status.toString(16)}`);
    }
    return resp.message_id;
}

/// Unbinds politely (bounded), then destroys the socket.
async function close(session) {
    if (!session || session.socket.destroyed) {
        return;
    }
    try {
        await request(session, 'unbind', {}, 1000);
    } catch (e) { /* the server may already have closed */ }
    session.destroy();
}

/// The text of a received short_message or message_payload (decoded by the npm package).
function messageText(field) {
    if (field === undefined || field === null) {
        return '';
    }
    if (typeof field === 'string') {
        return field;
    }
    if (Buffer.isBuffer(field)) {
        return field.toString('latin1');
    }
    return typeof field.message === 'string' ? field.message : field.message.toString('latin1');
}

/// True for a delivery receipt (SMSC -> ESME esm_class 0x04).
function isReceipt(pdu) {
    return (pdu.esm_class & 0x3c) === 0x04;
}

/// TLS files in dir, made with the openssl command: a CA (ca.pem), a server certificate for
/// localhost it signed (server.pem, server.key) and a client certificate it signed (client.pem,
/// client.key). Returns their paths.
function makeTlsFiles(dir) {
    fs.mkdirSync(dir, { recursive: true });
    const file = (name) => path.join(dir, name);
    const openssl = (...args) => execFileSync('openssl', args, { stdio: 'ignore' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    openssl('req', '-x509', ...ec, '-subj', '/CN=smppd test CA', '-days', '2',
        '-keyout', file('ca.key'), '-out', file('ca.pem'));
    for (const name of ['server', 'client']) {
        openssl('req', ...ec, '-subj', `/CN=${name === 'server' ? 'localhost' : 'esme'}`,
            '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
        openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'),
            '-CAkey', file('ca.key'), '-set_serial', name === 'server' ? '2' : '3', '-days', '2',
            '-out', file(`${name}.pem`));
    }
    return {
        ca: file('ca.pem'),
        cert: file('server.pem'),
        key: file('server.key'),
        clientCert: file('client.pem'),
        clientKey: file('client.key'),
    };
}

module.exports = {
    HOST,
    REPO,
    smpp,
    smppdBinary,
    track,
    freePort,
    sleep,
    withTimeout,
    startSmppd,
    FREE_PORT,
    bindRaw,
    bind,
    request,
    submitOk,
    close,
    messageText,
    isReceipt,
    Inbox,
    makeTlsFiles,
};
