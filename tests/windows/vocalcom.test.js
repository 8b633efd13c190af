'use strict';
// Scenario 2: VOCALCOM mode under wine. submit_sm is pushed by smppd.exe to the Linux Hermes
// stand-in over HTTPS with certificate and host name verification on (Hermes.CaFile is a
// relative Windows path with a backslash and a space, the URL host 127.0.0.1 is in the
// certificate's subjectAltName), and answered with a DELIVRD receipt. Then the shipped Hermes
// plugin (hermes-plugin\Smpp.xml + SmppBridgeClient.cs from the zip), compiled with mono-mcs and
// run with mono on Linux, sends a line to smppd.exe's bridge: the bound receiver gets it as a
// deliver_sm. Negative controls show verification is really on: a second stand-in on
// 127.0.0.1 is refused when its certificate names 127.0.0.1 but was not issued by a trusted CA,
// and when its certificate is trusted (in Hermes.CaFile) but names another host (hermes.invalid):
// smppd asks Poco for VERIFY_STRICT, the mode in which Poco 1.11 checks the name of a loopback
// host too.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const w = require('./lib/wine');
const v = require('../smppd/hermes/e2e/lib/vocalcom');

const { h } = w;
const CAMPAIGN = '33612345678';
const PHONE = '33698765432';
const PLUGIN_TEST = path.join(h.REPO, 'tests', 'smppd', 'hermes', 'e2e', 'plugin');

/// Compiles the plugin as shipped in the zip (the <Code> of Smpp.xml + SmppBridgeClient.cs) with
/// the driver of the Linux plugin test.
function compilePlugin(pluginDir, outDir) {
    const xml = fs.readFileSync(path.join(pluginDir, 'Smpp.xml'), 'utf8');
    const code = /<Code><!\[CDATA\[([\s\S]*?)\]\]><\/Code>/.exec(xml);
    assert.ok(code, 'Smpp.xml has a <Code> CDATA section');
    fs.writeFileSync(path.join(outDir, 'Smpp.cs'), code[1]);
    const exe = path.join(outDir, 'driver.exe');
    execFileSync('mcs', ['-langversion:4', '-nologo', `-out:${exe}`,
        path.join(pluginDir, 'SmppBridgeClient.cs'), path.join(outDir, 'Smpp.cs'),
        path.join(PLUGIN_TEST, 'CampaignSMS.cs'), path.join(PLUGIN_TEST, 'Driver.cs')]);
    return exe;
}

test('VOCALCOM: HTTPS push to the Hermes stand-in (verified), plugin line -> deliver_sm',
    { timeout: 150000, skip: w.unavailable() }, async (t) => {
        const dir = w.copyPackage('vocalcom');
        const hermes = await v.startStandin({ dir: fs.mkdtempSync(path.join(w.WORK, 'standin-')) });
        fs.mkdirSync(path.join(dir, 'certs'));
        fs.copyFileSync(hermes.cert, path.join(dir, 'certs', 'hermes ca.pem'));
        const settings = await w.baseSettings({
            Mode: 'VOCALCOM',
            UrlHermes: `https://127.0.0.1:${hermes.port}/sms/{campaign}`,
            'Hermes.CaFile': 'certs\\hermes ca.pem',
            'Hermes.TlsVerify': 'true',
            'Hermes.Timeout': 5,
            'TcpServer.Token': 'tok',
        });
        w.editConfig(dir, settings);
        const launcher = w.startLauncher(dir);
        const sessions = [];
        const cleanups = [];
        t.after(async () => {
            await Promise.all(sessions.map(h.close));
            for (const c of cleanups) {
                await c();
            }
            await w.killAll(dir);
            await hermes.stop();
        });
        await w.waitStarted(dir, 1, 40000);
        const { tx, rx } = await w.bindTxRx(settings['Server.ListenPort']);
        sessions.push(tx.session, rx.session);

        await t.test('submit_sm -> HTTPS push (CaFile, verification on) -> DELIVRD receipt', async () => {
            const id = await h.submitOk(tx.session, {
                source_addr: PHONE, destination_addr: CAMPAIGN, registered_delivery: 1,
                short_message: 'Bonjour depuis Windows',
            });
            const push = await w.until(() => hermes.records().find((r) => r.idempotencyKey === id),
                15000, `push of ${id} at the stand-in`, dir);
            assert.equal(push.method, 'POST');
            assert.equal(push.uri, `/sms/${CAMPAIGN}`);
            const body = JSON.parse(push.body);
            assert.equal(body.id, id);
            assert.equal(body.text, 'Bonjour depuis Windows');
            assert.equal(body.from, PHONE);
            const [receipt] = await rx.inbox.waitFor(
                (p) => h.isReceipt(p) && p.receipted_message_id === id, 1, 15000, `receipt ${id}`);
            assert.match(h.messageText(receipt.short_message), /stat:DELIVRD err:000/);
            // smppd.log is written in batches: the receipt may arrive before the line does.
            const pushed = new RegExp(`hermes_push message_id=${id} parts=1 http_status=200 outcome=delivered`);
            await w.until(() => pushed.test(w.logText(dir)), 10000, `hermes_push of ${id} in smppd.log`, dir);
        });

        await t.test('the shipped plugin (mono) -> bridge of smppd.exe -> deliver_sm',
            { skip: !w.mcsAvailable() && 'mcs/mono not installed' }, async () => {
                const build = fs.mkdtempSync(path.join(w.WORK, 'plugin build '));
                const exe = compilePlugin(path.join(dir, 'hermes-plugin'), build);
                const out = execFileSync('mono', [exe, `${h.HOST}:${settings['TcpServer.ListenPort']}`, 'tok',
                    CAMPAIGN, PHONE, 'Votre RDV est confirmé', '2'], { encoding: 'utf8', timeout: 30000 });
                const ids = out.trim().split('\n').map(Number);
                assert.equal(ids.length, 2, out);
                assert.ok(ids.every((id) => id > 0), out);
                const pdus = await rx.inbox.waitFor(
                    (p) => !h.isReceipt(p) && p.destination_addr === PHONE, 2, 15000, 'plugin deliver_sm');
                assert.equal(pdus[0].source_addr, CAMPAIGN);
                assert.equal(h.messageText(pdus[0].short_message), 'Votre RDV est confirmé');
                const refused = execFileSync('mono', [exe, `${h.HOST}:${settings['TcpServer.ListenPort']}`,
                    'wrong', CAMPAIGN, PHONE, 'x'], { encoding: 'utf8', timeout: 30000 }).trim().split('\n');
                assert.equal(refused[0], '-2', 'a wrong token is refused');
            });

        /// A second stand-in on 127.0.0.1 whose certificate has the subject alternative names
        /// `san`, and a second smppd.exe (same folder, its own config) pushing to it: nothing may
        /// arrive. `trusted`: the certificate is added to that smppd's Hermes.CaFile, so that
        /// only its names can get it refused.
        const refusedCase = async (st, label, san, trusted) => {
            const sdir = fs.mkdtempSync(path.join(w.WORK, `standin-${label}-`));
            execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
                '-subj', '/CN=localhost', '-addext', `subjectAltName=${san}`,
                '-keyout', path.join(sdir, 'key.pem'), '-out', path.join(sdir, 'cert.pem')], { stdio: 'ignore' });
            const caFile = `certs\\${label} ca.pem`;
            fs.writeFileSync(path.join(dir, 'certs', `${label} ca.pem`),
                fs.readFileSync(path.join(dir, 'certs', 'hermes ca.pem'), 'utf8')
                + (trusted ? fs.readFileSync(path.join(sdir, 'cert.pem'), 'utf8') : ''));
            const portFile = path.join(sdir, 'port');
            const record = path.join(sdir, 'pushes.jsonl');
            const other = h.track(spawn(v.binary('hermes-standin', 'HERMES_STANDIN_BIN'), ['--host', h.HOST,
                '--port', '0', '--cert', path.join(sdir, 'cert.pem'), '--key', path.join(sdir, 'key.pem'),
                '--port-file', portFile, '--record', record], { stdio: 'ignore' }));
            cleanups.push(async () => other.kill('SIGTERM'));
            const port = await w.until(() => fs.existsSync(portFile) && Number(fs.readFileSync(portFile, 'utf8').trim()),
                10000, 'second stand-in');
            // smppd.exe alone (no launcher) on a second config in the same folder
            const cfg2 = await w.baseSettings({
                Mode: 'VOCALCOM',
                UrlHermes: `https://127.0.0.1:${port}/sms/{campaign}`,
                'Hermes.CaFile': caFile,
                'Hermes.Timeout': 5,
                'Store.Path': `data\\${label}.db`,
                'Log.Directory': `logs ${label}`,
            });
            w.editConfig(dir, cfg2, { file: `${label}.config` });
            const smppd = w.runWine(path.join(dir, 'smppd.exe'), ['--config', `${label}.config`],
                { cwd: dir, outFile: path.join(dir, '..', `${label}-console.txt`) });
            cleanups.push(async () => smppd.child.kill('SIGKILL'));
            const logOf = () => {
                try {
                    return fs.readFileSync(path.join(dir, `logs ${label}`, 'smppd.log'), 'utf8');
                } catch (e) {
                    return '';
                }
            };
            await w.until(() => logOf().includes('event=started mode='), 30000, 'second smppd.exe started');
            const s2 = await h.bind(cfg2['Server.ListenPort'], 'transceiver');
            sessions.push(s2.session);
            const id = await h.submitOk(s2.session, {
                source_addr: PHONE, destination_addr: CAMPAIGN, short_message: 'must not arrive',
            });
            const retry = await w.until(() => new RegExp(`hermes_push_failed message_id=${id} .*outcome=retry error=.*`).exec(logOf()),
                20000, `a failed push of ${id}`);
            st.diagnostic(`refused as expected: ${retry[0].slice(0, 300)}`);
            assert.equal(fs.existsSync(record) ? fs.readFileSync(record, 'utf8').trim() : '', '',
                'nothing reached the stand-in with the untrusted certificate');
            assert.match(retry[0], /certificate|verif|SSL|TLS/i);
        };

        await t.test('negative control: a certificate from an untrusted issuer is refused', (st) =>
            refusedCase(st, 'untrusted', 'DNS:localhost,IP:127.0.0.1', false));
        await t.test('a trusted certificate for another host name is refused on 127.0.0.1', (st) =>
            refusedCase(st, 'wrong-name', 'DNS:hermes.invalid', true));
        assert.equal(launcher.exited(), null, 'launcher still running');
    });
