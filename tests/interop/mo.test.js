'use strict';
// Mobile-originated traffic through smppd in OPPORTUNITY mode: a submit_sm from one client is
// routed to another bound receiver, by bind address_range or by the account the destination
// names, and arrives there as an MO deliver_sm (esm_class without receipt bits).

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

function checkMo(pdu, from, to, text) {
    assert.equal(pdu.esm_class & 0x3c, 0, 'MO deliver_sm has no receipt bits (Kannel tests 0x04|0x08|0x20)');
    assert.equal(pdu.source_addr, from);
    assert.equal(pdu.destination_addr, to);
    assert.equal(h.messageText(pdu.short_message) || h.messageText(pdu.message_payload), text);
}

test('MO routed by bind address_range (two sessions of one account)', { timeout: 30000 }, async (t) => {
    const server = await h.startSmppd();
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        await server.stop();
    });
    const A = '33700000021';
    const B = '33700000022';
    const a = await h.bind(server.port, 'transceiver', { address_range: A });
    const b = await h.bind(server.port, 'receiver', { address_range: B });
    sessions.push(a.session, b.session);

    const text = 'Hello B, this is A @ 10:15 (MO)';
    await h.submitOk(a.session, {
        source_addr_ton: 1, source_addr_npi: 1, source_addr: A,
        dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: B,
        data_coding: 0, short_message: text,
    });
    const [mo] = await b.inbox.waitFor((p) => !h.isReceipt(p) && p.source_addr === A);
    checkMo(mo, A, B, text);

    // and the other way round, with a receipt requested by B... B is a receiver: it cannot
    // submit, so A submits again with registered_delivery and gets DELIVRD once B acknowledged
    const id = await h.submitOk(a.session, {
        source_addr: A, destination_addr: B, data_coding: 0,
        registered_delivery: 1, short_message: 'second',
    });
    await b.inbox.waitFor((p) => !h.isReceipt(p) && h.messageText(p.short_message) === 'second');
    const receipt = await Promise.race([
        a.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id, 1, 10000, 'receipt'),
        b.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id, 1, 10000, 'receipt'),
    ]);
    assert.match(h.messageText(receipt[0].short_message), /stat:DELIVRD/);
});

test('MO routed to the account named by the destination (Accounts.File)', { timeout: 30000 }, async (t) => {
    const server = await h.startSmppd({
        accounts: [
            { systemId: 'admin', password: 'vocalcom' },
            { systemId: 'alice', password: 'alicepw' },
            { systemId: 'bob', password: 'bobpw' },
        ],
    });
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        await server.stop();
    });
    const alice = await h.bind(server.port, 'transceiver', { system_id: 'alice', password: 'alicepw' });
    const bob = await h.bind(server.port, 'transceiver', { system_id: 'bob', password: 'bobpw' });
    sessions.push(alice.session, bob.session);

    const id = await h.submitOk(alice.session, {
        source_addr: '33611111111', dest_addr_ton: 5, destination_addr: 'bob',
        data_coding: 0, registered_delivery: 1, short_message: 'for bob',
    });
    const [mo] = await bob.inbox.waitFor((p) => !h.isReceipt(p));
    checkMo(mo, '33611111111', 'bob', 'for bob');
    // bob acknowledged it (Inbox answers deliver_sm_resp 0): alice gets DELIVRD, bob no receipt
    const [receipt] = await alice.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id);
    assert.match(h.messageText(receipt.short_message), new RegExp(`^id:${id} .*stat:DELIVRD`));
    assert.equal(bob.inbox.pdus.filter(h.isReceipt).length, 0, 'receipts go to the submitter only');
});
