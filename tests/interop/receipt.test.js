'use strict';
// submit_sm with registered_delivery=1 from the `smpp` npm client: the submit_sm_resp id comes
// back in a delivery receipt (esm_class 0x04) whose text `id:` and receipted_message_id TLV match.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const HANDSET = '33612345678'; // routed to nobody: the simulated handset answers DELIVRD
const SENDER = '33600000001';

/// Submits and records, at the moment the submit_sm_resp is parsed, whether a receipt for that
/// id had already arrived (Kannel drops such receipts: the response must come first).
function submitWatchingOrder(session, inbox, fields) {
    return h.withTimeout(new Promise((resolve, reject) => {
        const ok = session.submit_sm(fields, (resp) => {
            const early = inbox.pdus.some((p) => h.isReceipt(p)
                && p.receipted_message_id === resp.message_id);
            resolve({ resp, early });
        });
        if (!ok) {
            reject(new Error('socket not writable'));
        }
    }), 5000, 'submit_sm_resp');
}

function checkReceipt(receipt, id, original) {
    assert.equal(receipt.esm_class & 0x3c, 0x04, 'esm_class marks a delivery receipt');
    const text = h.messageText(receipt.short_message);
    assert.match(text, new RegExp(`^id:${id} `), `receipt text starts with id:${id}: ${text}`);
    assert.match(text, /sub:\d{3} dlvrd:\d{3} submit date:\d{10,12} done date:\d{10,12} stat:DELIVRD err:\d{3} text:/);
    assert.equal(receipt.receipted_message_id, id, 'receipted_message_id TLV');
    assert.equal(receipt.message_state, 2, 'message_state TLV = DELIVERED');
    assert.equal(receipt.source_addr, original.destination_addr, 'receipt source = original destination');
    assert.equal(receipt.destination_addr, original.source_addr, 'receipt destination = original source');
}

test('delivery receipts', { timeout: 40000 }, async (t) => {
    const server = await h.startSmppd();
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        await server.stop();
    });

    await t.test('TX submits, RX gets the receipt with the same id', async () => {
        const tx = await h.bind(server.port, 'transmitter', { address_range: '33700000011' });
        const rx = await h.bind(server.port, 'receiver', { address_range: '33700000012' });
        sessions.push(tx.session, rx.session);
        const fields = {
            source_addr_ton: 1, source_addr_npi: 1, source_addr: SENDER,
            dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: HANDSET,
            registered_delivery: 1, short_message: 'receipt please',
        };
        const id = await h.submitOk(tx.session, fields);
        assert.match(id, /^[1-9][0-9]{0,17}$/, 'decimal id without leading zeros');
        const [receipt] = await rx.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id);
        checkReceipt(receipt, id, fields);
        assert.equal(tx.inbox.pdus.length, 0, 'nothing is delivered to a transmitter');

        // query_sm of the delivered message: DELIVERED with a final date
        const q = await h.request(tx.session, 'query_sm', {
            message_id: id, source_addr_ton: 1, source_addr_npi: 1, source_addr: SENDER,
        });
        assert.equal(q.command_status, 0, 'query_sm_resp status');
        assert.equal(q.message_id, id);
        assert.equal(q.message_state, 2, 'query_sm_resp message_state DELIVERED');
        assert.ok(q.final_date, 'final_date is set for a final message');
        // query_sm of an id that does not exist: ESME_RQUERYFAIL (checklist row 45)
        const unknown = await h.request(tx.session, 'query_sm', { message_id: '999999999', source_addr: SENDER });
        assert.equal(unknown.command_status, 0x67, 'query_sm of an unknown id');
        await h.close(tx.session);
        await h.close(rx.session);
    });

    await t.test('TRX: 20 pipelined submits, each resp before its receipt, ids unique', async () => {
        let trx;
        for (let i = 0; i < 50 && !trx; i++) {
            try {
                trx = await h.bind(server.port, 'transceiver', { address_range: '33700000013' });
            } catch (e) {
                await h.sleep(100); // the previous pair may still be closing
            }
        }
        assert.ok(trx, 'bind_transceiver');
        sessions.push(trx.session);
        const fields = {
            source_addr: SENDER, destination_addr: HANDSET, registered_delivery: 1,
            short_message: 'pipelined',
        };
        const results = await Promise.all(
            [...Array(20).keys()].map(() => submitWatchingOrder(trx.session, trx.inbox, fields)));
        const ids = results.map((r) => r.resp.message_id);
        assert.ok(results.every((r) => r.resp.command_status === 0), 'all accepted');
        assert.equal(new Set(ids).size, 20, 'ids are unique');
        assert.ok(results.every((r) => !r.early), 'no receipt before its submit_sm_resp');
        const receipts = await trx.inbox.waitFor((p) => h.isReceipt(p) && ids.includes(p.receipted_message_id), 20);
        for (const r of receipts) {
            checkReceipt(r, r.receipted_message_id, fields);
        }

        // registered_delivery 0 (none) and 2 (failure only) get no receipt for a delivered message
        const quiet0 = await h.submitOk(trx.session, { ...fields, registered_delivery: 0 });
        const quiet2 = await h.submitOk(trx.session, { ...fields, registered_delivery: 2 });
        const marker = await h.submitOk(trx.session, { ...fields, registered_delivery: 1 });
        await trx.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === marker);
        await h.sleep(500);
        const unexpected = trx.inbox.pdus.filter((p) => h.isReceipt(p)
            && [quiet0, quiet2].some((q) => h.messageText(p.short_message).startsWith(`id:${q} `)));
        assert.equal(unexpected.length, 0, 'no receipt for registered_delivery 0 or 2');
        await h.close(trx.session);
    });

    await t.test('a 3.3 bind gets no TLVs: no sc_interface_version, receipts by text only', async () => {
        let r;
        for (let i = 0; i < 50; i++) {
            r = await h.bindRaw(server.port, 'transceiver', { interface_version: 0x33, address_range: '33700000014' });
            sessions.push(r.session);
            if (r.resp.command_status === 0) {
                break;
            }
            await h.sleep(100); // the previous session may still be closing
        }
        assert.equal(r.resp.command_status, 0);
        assert.equal(r.resp.sc_interface_version, undefined, 'no sc_interface_version for a 3.3 bind');
        const id = await h.submitOk(r.session, {
            source_addr: SENDER, destination_addr: HANDSET, registered_delivery: 1, short_message: 'v33',
        });
        const [receipt] = await r.inbox.waitFor((p) => h.isReceipt(p)
            && h.messageText(p.short_message).startsWith(`id:${id} `));
        assert.equal(receipt.receipted_message_id, undefined, 'no receipted_message_id TLV on a 3.3 bind');
        assert.equal(receipt.message_state, undefined, 'no message_state TLV on a 3.3 bind');
        assert.match(h.messageText(receipt.short_message), /stat:DELIVRD/);
    });
});
