'use strict';
// Runs Debian's Kannel (bearerbox + smsbox) against an SMPP server on loopback with a generated
// config: an smpp smsc group in transceiver mode, an smsbox with sendsms, and a default
// sms-service that forwards every MO to a local HTTP receiver. All ports are loopback.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { HOST, freePort, sleep, track } = require('./harness');

const BEARERBOX = process.env.BEARERBOX || '/usr/sbin/bearerbox';
const SMSBOX = process.env.SMSBOX || '/usr/sbin/smsbox';

function available() {
    return fs.existsSync(BEARERBOX) && fs.existsSync(SMSBOX);
}

/// A tiny HTTP server recording every GET (Kannel's dlr-url and sms-service get-url calls).
async function startReceiver() {
    const hits = [];
    const server = http.createServer((req, res) => {
        const url = new URL(req.url, `http://${HOST}`);
        hits.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('');
    });
    await new Promise((resolve) => server.listen(0, HOST, resolve));
    return {
        hits,
        port: server.address().port,
        close: () => new Promise((resolve) => server.close(resolve)),
        /// Resolves with the first hit matching predicate.
        async waitFor(predicate, ms, what) {
            const deadline = Date.now() + ms;
            for (;;) {
                const hit = hits.find(predicate);
                if (hit) {
                    return hit;
                }
                if (Date.now() > deadline) {
                    throw new Error(`timeout after ${ms} ms waiting for ${what}; got ${JSON.stringify(hits)}`);
                }
                await sleep(50);
            }
        },
    };
}

function kannelConf(o) {
    return `group = core
admin-port = ${o.adminPort}
admin-interface = ${HOST}
admin-password = ${o.adminPassword}
admin-allow-ip = "127.0.0.1"
smsbox-port = ${o.smsboxPort}
smsbox-interface = ${HOST}
box-allow-ip = "127.0.0.1"
log-file = "${o.dir}/bearerbox.log"
log-level = 0
access-log = "${o.dir}/access.log"
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = smppd
host = ${HOST}
port = ${o.smppPort}
transceiver-mode = true
smsc-username = ${o.systemId}
smsc-password = ${o.password}
system-type = "VMA"
address-range = "${o.addressRange}"
source-addr-ton = 1
source-addr-npi = 1
dest-addr-ton = 1
dest-addr-npi = 1
enquire-link-interval = 30
reconnect-delay = 1

group = smsbox
bearerbox-host = ${HOST}
bearerbox-port = ${o.smsboxPort}
sendsms-port = ${o.sendsmsPort}
sendsms-interface = ${HOST}
log-file = "${o.dir}/smsbox.log"
log-level = 0
access-log = "${o.dir}/smsbox-access.log"

group = sendsms-user
username = tester
password = testpw
max-messages = 3
concatenation = true

group = sms-service
keyword = default
get-url = "http://${HOST}:${o.receiverPort}/mo?from=%p&to=%P&text=%a&smsc=%i&coding=%c"
max-messages = 0
`;
}

/// Starts bearerbox + smsbox bound to smppPort. Returns {sendsms(query), online(), stop(), log()}.
async function startKannel({ dir, smppPort, receiverPort, systemId = 'admin', password = 'vocalcom', addressRange }) {
    fs.mkdirSync(dir, { recursive: true });
    const o = {
        dir, smppPort, receiverPort, systemId, password, addressRange,
        adminPort: await freePort(),
        smsboxPort: await freePort(),
        sendsmsPort: await freePort(),
        adminPassword: 'interop',
    };
    const conf = path.join(dir, 'kannel.conf');
    fs.writeFileSync(conf, kannelConf(o));
    const procs = [];
    const launch = (bin, name) => {
        const out = fs.openSync(path.join(dir, `${name}.out`), 'a');
        const child = track(spawn(bin, ['-v', '1', conf], { stdio: ['ignore', out, out] }));
        fs.closeSync(out);
        child.exited = null;
        child.on('exit', (code, signal) => {
            child.exited = { code, signal };
        });
        procs.push(child);
        return child;
    };
    launch(BEARERBOX, 'bearerbox');
    await sleep(300);
    launch(SMSBOX, 'smsbox');

    const get = (port, urlPath) => new Promise((resolve, reject) => {
        const req = http.get({ host: HOST, port, path: urlPath, timeout: 5000 }, (res) => {
            let body = '';
            res.on('data', (c) => {
                body += c;
            });
            res.on('end', () => resolve({ status: res.statusCode, body }));
        });
        req.on('timeout', () => req.destroy(new Error('HTTP timeout')));
        req.on('error', reject);
    });
    const log = () => ['bearerbox.out', 'smsbox.out', 'bearerbox.log', 'smsbox.log']
        .map((f) => {
            try {
                return `--- ${f}\n${fs.readFileSync(path.join(dir, f), 'utf8').split('\n').slice(-25).join('\n')}`;
            } catch (e) {
                return `--- ${f}: none`;
            }
        }).join('\n');
    return {
        conf: o,
        log,
        sendsms: (query) => get(o.sendsmsPort, `/cgi-bin/sendsms?${new URLSearchParams(query)}`),
        /// bearerbox status text (shows "smppd ... online" once bound).
        status: () => get(o.adminPort, `/status.txt?password=${o.adminPassword}`),
        exited: () => procs.find((p) => p.exited),
        async stop() {
            for (const p of procs.reverse()) {
                if (!p.exited) {
                    p.kill('SIGTERM');
                }
            }
            const t0 = Date.now();
            while (procs.some((p) => !p.exited) && Date.now() - t0 < 5000) {
                await sleep(50);
            }
            for (const p of procs) {
                if (!p.exited) {
                    p.kill('SIGKILL');
                }
            }
        },
    };
}

/// Stops a kannel service the Debian package may have started (it would hold port 13000 etc.).
function stopSystemKannel() {
    spawnSync('sh', ['-c', 'command -v systemctl >/dev/null && systemctl stop kannel 2>/dev/null; '
        + '[ -x /etc/init.d/kannel ] && /etc/init.d/kannel stop >/dev/null 2>&1; true'], { timeout: 15000 });
}

module.exports = { available, startReceiver, startKannel, stopSystemKannel };
