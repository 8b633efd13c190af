'use strict';
// The Hermes plugin (scripts/hermes-plugin): Smpp.xml's code + SmppBridgeClient.cs compiled with
// Debian's mono-mcs as C# 4, run against the real bridge: the id comes back and a bound receiver
// gets the deliver_sm; with smppd down SendMessage returns -1.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { execFile, execFileSync } = require('node:child_process');
const h = require('../../../interop/lib/harness');
const v = require('./lib/vocalcom');

const PLUGIN = path.join(h.REPO, 'scripts', 'hermes-plugin');

function hasMono() {
    try {
        execFileSync('mcs', ['--version'], { stdio: 'ignore' });
        execFileSync('mono', ['--version'], { stdio: 'ignore' });
        return true;
    } catch (e) {
        return false;
    }
}

/// Compiles the plugin the way Hermes would see it: the <Code> of Smpp.xml + SmppBridgeClient.cs.
function compile(dir) {
    const xml = fs.readFileSync(path.join(PLUGIN, 'Smpp.xml'), 'utf8');
    const code = /<Code><!\[CDATA\[([\s\S]*?)\]\]><\/Code>/.exec(xml);
    assert.ok(code, 'Smpp.xml has a <Code> CDATA section');
    assert.match(code[1], /public int SendMessage\(CampaignSMS campaign, string phoneNumber, string message\)/);
    assert.match(xml, /Name="IpPortSmppServer"/);
    fs.writeFileSync(path.join(dir, 'Smpp.cs'), code[1]);
    const exe = path.join(dir, 'driver.exe');
    execFileSync('mcs', ['-langversion:4', '-nologo', `-out:${exe}`,
        path.join(PLUGIN, 'SmppBridgeClient.cs'), path.join(dir, 'Smpp.cs'),
        path.join(__dirname, 'plugin', 'CampaignSMS.cs'), path.join(__dirname, 'plugin', 'Driver.cs')]);
    return exe;
}

function run(exe, args, env = process.env) {
    return execFileSync('mono', [exe, ...args], { encoding: 'utf8', timeout: 20000, env }).trim().split('\n');
}

/// A self-signed certificate for the bridge, and its SHA-256 thumbprint (hex, no colons).
function makeCert(dir) {
    const cert = path.join(dir, 'bridge.pem');
    const key = path.join(dir, 'bridge.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=smppd-bridge',
        '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', cert], { encoding: 'utf8' });
    return { cert, key, thumbprint: out.split('=')[1].trim().replace(/:/g, '') };
}

test('Hermes plugin compiled with mono-mcs', { timeout: 60000, skip: !hasMono() && 'mcs/mono not installed' }, async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-plugin-'));
    const exe = compile(dir);
    const env = await v.startVocalcom({ settings: { 'TcpServer.Token': 'tok' } });
    const rx = await h.bind(env.server.port, 'receiver');
    let stopped = false;
    t.after(async () => {
        await h.close(rx.session);
        if (!stopped) {
            await env.stop();
        }
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const endpoint = `${h.HOST}:${env.bridgePort}`;

    // three sends on one kept-alive connection
    const ids = run(exe, [endpoint, 'tok', '33612345678', '33698765432', 'Votre RDV est confirmé', '3']).map(Number);
    assert.equal(ids.length, 3);
    assert.ok(ids.every((id) => id > 0), `ids ${ids}`);
    assert.ok(ids[1] > ids[0] && ids[2] > ids[1]);
    const pdus = await rx.inbox.waitFor((p) => p.destination_addr === '33698765432', 3);
    assert.equal(pdus[0].source_addr, '33612345678');
    assert.equal(h.messageText(pdus[0].short_message), 'Votre RDV est confirmé');

    // refused: wrong token, bad phone
    const refused = run(exe, [endpoint, 'wrong', '1', '336', 'x']);
    assert.equal(refused[0], '-2');
    assert.match(refused[1], /unauthorized/);
    assert.equal(run(exe, [endpoint, 'tok', '1', 'not-a-phone', 'x'])[0], '-2');

    await env.stop();
    stopped = true;
    const down = run(exe, [endpoint, 'tok', '1', '336', 'x']);
    assert.equal(down[0], '-1');
});

test('Hermes plugin over TLS (SslStream) against the real bridge listener', { timeout: 60000, skip: !hasMono() && 'mcs/mono not installed' }, async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-plugin-tls-'));
    const exe = compile(dir);
    const tls = makeCert(dir);
    const env = await v.startVocalcom({ settings: {
        'TcpServer.Token': 'tok',
        'TcpServer.ListenParams': `tls=1;cert=${tls.cert};key=${tls.key}`,
    } });
    const rx = await h.bind(env.server.port, 'receiver');
    t.after(async () => {
        await h.close(rx.session);
        await env.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const endpoint = `${h.HOST}:${env.bridgePort}`;
    const pinned = { ...process.env, SMPP_TLS_THUMBPRINT: tls.thumbprint };

    const ids = run(exe, [endpoint, 'tok', '33612345678', '33698765400', 'Bonjour en TLS', '2'], pinned).map(Number);
    assert.equal(ids.length, 2);
    assert.ok(ids.every((id) => id > 0), `ids ${ids}`);
    const [pdu] = await rx.inbox.waitFor((p) => p.destination_addr === '33698765400', 2);
    assert.equal(h.messageText(pdu.short_message), 'Bonjour en TLS');

    // a wrong token over TLS: refused like in clear
    const refused = run(exe, [endpoint, 'nope', '1', '336', 'x'], pinned);
    assert.equal(refused[0], '-2');
    assert.match(refused[1], /unauthorized/);

    // another certificate pinned: no connection, nothing sent
    const other = { ...process.env, SMPP_TLS_THUMBPRINT: 'AB'.repeat(32) };
    const wrongCert = run(exe, [endpoint, 'tok', '1', '336', 'x'], other);
    assert.equal(wrongCert[0], '-1');
    assert.match(wrongCert[1], /TLS|certificate|Authentication/i);

    // a plain-TCP client gets no reply it can read
    const plain = run(exe, [endpoint, 'tok', '1', '336', 'x']);
    assert.ok(plain[0] === '-1' || plain[0] === '-3', `plain client: ${plain}`);
});

/// A fake bridge on loopback: `onLine(socket, line, connectionIndex)` decides what to do.
async function fakeBridge(onLine) {
    let connections = 0;
    const server = net.createServer((socket) => {
        const index = connections++;
        let buffer = '';
        socket.on('data', (chunk) => {
            buffer += chunk;
            let nl;
            while ((nl = buffer.indexOf('\n')) >= 0) {
                const line = buffer.slice(0, nl);
                buffer = buffer.slice(nl + 1);
                onLine(socket, line, index);
            }
        });
        socket.on('error', () => {});
    });
    await new Promise((resolve) => server.listen(0, h.HOST, resolve));
    const close = () => { if (server.listening) { server.close(); } };
    return { port: server.address().port, connections: () => connections, close };
}

function runAsync(exe, args) {
    return new Promise((resolve, reject) => {
        execFile('mono', [exe, ...args], { encoding: 'utf8', timeout: 20000 }, (error, stdout, stderr) => {
            if (error) {
                // what it printed tells a slow exchange from a run that hung after its results
                error.message += `\nstdout: ${stdout}\nstderr: ${stderr}`;
                reject(error);
            } else {
                resolve(stdout.trim().split('\n'));
            }
        });
    });
}

test('plugin: timeout is -3, a connection closed while idle is replaced', { timeout: 60000, skip: !hasMono() && 'mcs/mono not installed' }, async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-plugin-'));
    const exe = compile(dir);
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const silent = await fakeBridge(() => {});
    t.after(() => silent.close()); // also after a failure: an open server keeps node running
    const t0 = Date.now();
    const timedOut = await runAsync(exe, [`${h.HOST}:${silent.port}`, '', '1', '336', 'x']);
    silent.close();
    assert.equal(timedOut[0], '-3');
    assert.ok(Date.now() - t0 < 10000);

    // each connection answers one request, then the server closes it (as an idle timeout would)
    let id = 100;
    const answered = new Set();
    const oneShot = await fakeBridge((socket, line, index) => {
        if (answered.has(index)) {
            return; // a line on a connection the server has closed is lost, as with a real close
        }
        answered.add(index);
        assert.match(line, /"op":"send"/);
        socket.end(`{"ok":true,"id":"${id++}"}\n`);
    });
    t.after(() => oneShot.close());
    const ids = await runAsync(exe, [`${h.HOST}:${oneShot.port}`, '', '1', '336', 'x', '3']);
    oneShot.close();
    assert.deepEqual(ids, ['100', '101', '102']);
    assert.equal(oneShot.connections(), 3);
});
