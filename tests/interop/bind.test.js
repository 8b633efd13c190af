'use strict';
// Binds of the `smpp` npm client against the real smppd: TX+RX pair, the per-account session
// limit, TRX, and refused credentials.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const ESME_RBINDFAIL = 0x0d;
const ESME_RINVPASWD = 0x0e;

test('bind', { timeout: 30000 }, async (t) => {
    const server = await h.startSmppd();
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        await server.stop();
    });

    await t.test('TX + RX pair binds; a third bind of the account gets ESME_RBINDFAIL', async () => {
        const tx = await h.bind(server.port, 'transmitter', { address_range: '33700000091' });
        sessions.push(tx.session);
        const rx = await h.bind(server.port, 'receiver', { address_range: '33700000092' });
        sessions.push(rx.session);

        const third = await h.bindRaw(server.port, 'transceiver');
        sessions.push(third.session);
        assert.equal(third.resp.command_status, ESME_RBINDFAIL, 'third bind over the limit of 2');

        // the two bound sessions are unaffected
        const e1 = await h.request(tx.session, 'enquire_link');
        assert.equal(e1.command_status, 0);
        const e2 = await h.request(rx.session, 'enquire_link');
        assert.equal(e2.command_status, 0);
        await h.close(tx.session);
        await h.close(rx.session);
    });

    await t.test('TRX binds with sc_interface_version 0x34', async () => {
        // the sessions above are gone: wait until the server has released them
        let r;
        for (let i = 0; i < 50; i++) {
            r = await h.bindRaw(server.port, 'transceiver');
            sessions.push(r.session);
            if (r.resp.command_status !== ESME_RBINDFAIL) {
                break;
            }
            await h.sleep(100);
        }
        assert.equal(r.resp.command_status, 0);
        assert.ok(r.resp.system_id.length > 0, 'bind_transceiver_resp carries the SMSC system_id');
        assert.equal(r.resp.sc_interface_version, 0x34);
        const sub = await h.request(r.session, 'submit_sm', {
            source_addr: '33600000001',
            destination_addr: '33612345678',
            short_message: 'hello over TRX',
        });
        assert.equal(sub.command_status, 0);
        assert.match(sub.message_id, /^[0-9A-Za-z]+$/);
    });

    await t.test('unbind with 3 submits in flight: 3 submit_sm_resp, then unbind_resp', async () => {
        const trx = sessions[sessions.length - 1];
        const order = [];
        trx.on('pdu', (pdu) => order.push(pdu.command));
        const fields = { source_addr: '33600000001', destination_addr: '33612345678', short_message: 'in flight' };
        const submits = [0, 1, 2].map(() => h.request(trx, 'submit_sm', fields));
        const unbind = h.request(trx, 'unbind', {});
        const resps = await Promise.all(submits);
        assert.ok(resps.every((r) => r.command_status === 0), 'the 3 submits are accepted');
        const u = await unbind;
        assert.equal(u.command_status, 0);
        assert.deepEqual(order.filter((c) => c !== 'deliver_sm' && c !== 'enquire_link'),
            ['submit_sm_resp', 'submit_sm_resp', 'submit_sm_resp', 'unbind_resp']);
        trx.destroy();
    });

    await t.test('wrong password gets ESME_RINVPASWD', async () => {
        const r = await h.bindRaw(server.port, 'transmitter', { password: 'wrong' });
        sessions.push(r.session);
        assert.equal(r.resp.command_status, ESME_RINVPASWD);
    });
});
