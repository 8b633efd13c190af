'use strict';
// VOCALCOM end-to-end helpers: the Hermes stand-in (HTTPS, certificate made at test time), smppd
// in VOCALCOM mode pointed at it, and a JSON-lines client for the bridge. Loopback only.

const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const h = require('../../../../interop/lib/harness');

/// A built executable: $<ENV>, else build/bin/<name>, else the newest build-*/bin/<name>.
function binary(name, env) {
    if (process.env[env]) {
        return path.resolve(process.env[env]);
    }
    const dirs = ['build', ...fs.readdirSync(h.REPO).filter((d) => d.startsWith('build-'))];
    const found = dirs.map((d) => path.join(h.REPO, d, 'bin', name))
        .filter((p) => fs.existsSync(p))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    if (found.length === 0) {
        throw new Error(`${name} not built: set ${env} or build it`);
    }
    return found[0];
}

/// Starts `hermes-standin` (HTTPS) with a fresh certificate and record file.
/// Returns {port, url, cert, records(), control(mode, delayMs), stats(), stop()}.
async function startStandin(options = {}) {
    const dir = options.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-standin-'));
    const portFile = path.join(dir, 'port');
    const record = path.join(dir, 'pushes.jsonl');
    fs.rmSync(portFile, { force: true });
    const args = ['--gen-cert', path.join(dir, 'tls'), '--port', String(options.port || 0),
        '--port-file', portFile, '--record', record, '--mode', options.mode || '200'];
    const out = fs.openSync(path.join(dir, 'standin.log'), 'a');
    const child = spawn(binary('hermes-standin', 'HERMES_STANDIN_BIN'), args, { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    let exited = null;
    child.on('exit', (code, signal) => { exited = { code, signal }; });
    const deadline = Date.now() + 15000;
    while (!fs.existsSync(portFile) || fs.readFileSync(portFile, 'utf8').trim() === '') {
        if (exited || Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`hermes-standin did not start: ${fs.readFileSync(path.join(dir, 'standin.log'), 'utf8')}`);
        }
        await h.sleep(30);
    }
    const port = Number(fs.readFileSync(portFile, 'utf8').trim());
    const cert = path.join(dir, 'tls', 'cert.pem');
    const call = (method, uri) => new Promise((resolve, reject) => {
        const req = https.request({ host: h.HOST, port, method, path: uri, ca: fs.readFileSync(cert) }, (res) => {
            let body = '';
            res.on('data', (c) => { body += c; });
            res.on('end', () => resolve(JSON.parse(body)));
        });
        req.on('error', reject);
        req.end();
    });
    return {
        port,
        dir,
        cert,
        url: `https://${h.HOST}:${port}`,
        /// Every push recorded so far: {method, uri, contentType, idempotencyKey, authorization, body, status}.
        records: () => {
            if (!fs.existsSync(record)) {
                return [];
            }
            return fs.readFileSync(record, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
        },
        control: (mode, delayMs) => call('POST', `/_control?mode=${mode}${delayMs ? `&delay_ms=${delayMs}` : ''}`),
        stats: () => call('GET', '/_stats'),
        stop: async () => {
            if (!exited) {
                child.kill('SIGTERM');
                const t0 = Date.now();
                while (!exited && Date.now() - t0 < 5000) {
                    await h.sleep(20);
                }
                if (!exited) {
                    child.kill('SIGKILL');
                }
            }
        },
    };
}

/// Starts the stand-in and smppd in VOCALCOM mode (UrlHermes = stand-in /sms/{campaign},
/// Hermes.CaFile = its certificate, bridge on a free port). options.settings are added.
/// Returns {hermes, server, bridgePort, stop()}.
async function startVocalcom(options = {}) {
    const hermes = await startStandin(options.standin || {});
    const server = await h.startSmppd({
        accounts: options.accounts,
        settings: {
            Mode: 'VOCALCOM',
            UrlHermes: `${hermes.url}/sms/{campaign}`,
            'Hermes.CaFile': hermes.cert,
            'Hermes.Timeout': 5,
            ...(options.settings || {}),
        },
    });
    return {
        hermes,
        server,
        bridgePort: server.settings['TcpServer.ListenPort'],
        stop: async () => {
            await server.stop();
            await hermes.stop();
        },
    };
}

/// A JSON-lines client of the bridge: request(obj) resolves with the parsed reply line.
class BridgeClient {
    constructor(port) {
        this.socket = net.connect({ host: h.HOST, port });
        this.buffer = '';
        this.waiting = [];
        this.closed = false;
        this.socket.setEncoding('utf8');
        this.socket.on('data', (chunk) => {
            this.buffer += chunk;
            let nl;
            while ((nl = this.buffer.indexOf('\n')) >= 0) {
                const line = this.buffer.slice(0, nl);
                this.buffer = this.buffer.slice(nl + 1);
                const w = this.waiting.shift();
                if (w) {
                    w.resolve(JSON.parse(line));
                }
            }
        });
        const fail = (e) => {
            this.closed = true;
            for (const w of this.waiting.splice(0)) {
                w.reject(e || new Error('bridge connection closed'));
            }
        };
        this.socket.on('error', fail);
        this.socket.on('close', () => fail());
    }

    request(obj, ms = 10000) {
        const p = new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
        this.socket.write(`${JSON.stringify(obj)}\n`);
        return h.withTimeout(p, ms, `bridge reply to ${JSON.stringify(obj).slice(0, 80)}`);
    }

    close() {
        this.socket.destroy();
    }
}

/// Waits until `check()` returns a truthy value (polling), or throws after ms.
async function until(check, ms, what) {
    const deadline = Date.now() + ms;
    for (;;) {
        const v = await check();
        if (v) {
            return v;
        }
        if (Date.now() > deadline) {
            throw new Error(`timeout after ${ms} ms: ${what}`);
        }
        await h.sleep(50);
    }
}

module.exports = { binary, startStandin, startVocalcom, BridgeClient, until };
