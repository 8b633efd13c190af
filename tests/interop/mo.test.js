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

test('MO routed by bind address_range', { timeout: 30000 }, async (t) => {
    const server = await h.startSmppd();
    const sessions = [];
    t.after(async () => {
        await Promise.all(sessions.map(h.close));
        await server.stop();
    });
    const A = '33700000021';
    const B = '33700000022';

    await t.test('TX submits to the range of a bound RX, which gets the MO and the receipt', async () => {
        const a = await h.bind(server.port, 'transmitter', { address_range: A });
        const b = await h.bind(server.port, 'receiver', { address_range: B });
        sessions.push(a.session, b.session);
        const text = 'Hello B, this is A @ 10:15 (MO)';
        const id = await h.submitOk(a.session, {
            source_addr_ton: 1, source_addr_npi: 1, source_addr: A,
            dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: B,
            data_coding: 0, registered_delivery: 1, short_message: text,
        });
        const [mo] = await b.inbox.waitFor((p) => !h.isReceipt(p) && p.source_addr === A);
        checkMo(mo, A, B, text);
        // B acknowledged it (the Inbox answers deliver_sm_resp 0): DELIVRD goes to the account's
        // receiver, which is B (a transmitter receives nothing)
        const [receipt] = await b.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id);
        assert.match(h.messageText(receipt.short_message), /stat:DELIVRD/);
        assert.equal(a.inbox.pdus.length, 0, 'nothing is sent to a transmitter');
        await h.close(a.session);
        await h.close(b.session);
    });

    // architecture §1: "submit_sm is routed to a bound receiver whose bind address_range matches":
    // the matching session only, not round-robin over every session of its account.
    await t.test('the MO goes to the receiver whose range matches, not to another session of the account', async () => {
        let a;
        for (let i = 0; i < 50 && !a; i++) {
            try {
                a = await h.bind(server.port, 'transceiver', { address_range: A });
            } catch (e) {
                await h.sleep(100); // the previous sessions may still be closing
            }
        }
        assert.ok(a, 'bind_transceiver');
        sessions.push(a.session);
        const b = await h.bind(server.port, 'receiver', { address_range: B });
        sessions.push(b.session);
        for (let i = 0; i < 6; i++) {
            await h.submitOk(a.session, { source_addr: A, destination_addr: B, data_coding: 0, short_message: `mo ${i}` });
        }
        await b.inbox.waitFor((p) => !h.isReceipt(p), 6, 5000, 'the 6 MOs at B');
        assert.equal(a.inbox.pdus.filter((p) => !h.isReceipt(p)).length, 0,
            'no MO for B\'s range is delivered to A (same account, other range)');
    });
});

test('MO routed to the account named by the destination (Accounts.File)', { timeout: 30000 }, async (t) => {
    const server = await h.startSmppd({
        accounts: [
            { systemId: 'admin', password: 'vocalcom' },
            { systemId: 'alice', password: 'alicepw' },
            { systemId: 'bob', password: 'bobpw' },
            { systemId: 'carol', password: 'carolpw' },
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

    // registered_delivery 0x11: a final receipt, and an intermediate notification (bit 4) when
    // the message cannot go out at once. carol is not bound: alice gets ENROUTE (esm_class
    // 0x20), then, once carol binds and takes the MO, the DELIVRD receipt.
    const id2 = await h.submitOk(alice.session, {
        source_addr: '33611111111', dest_addr_ton: 5, destination_addr: 'carol',
        data_coding: 0, registered_delivery: 0x11, short_message: 'for carol, later',
    });
    const [note] = await alice.inbox.waitFor((p) => (p.esm_class & 0x3c) === 0x20
        && p.receipted_message_id === id2, 1, 10000, 'the intermediate notification');
    assert.match(h.messageText(note.short_message), new RegExp(`^id:${id2} .*stat:ENROUTE`));
    assert.equal(note.message_state, 1, 'message_state TLV = ENROUTE');
    assert.equal(alice.inbox.pdus.filter(h.isReceipt).filter((p) => p.receipted_message_id === id2).length, 0,
        'no final receipt while carol is away');
    const carol = await h.bind(server.port, 'receiver', { system_id: 'carol', password: 'carolpw' });
    sessions.push(carol.session);
    const [mo2] = await carol.inbox.waitFor((p) => !h.isReceipt(p));
    checkMo(mo2, '33611111111', 'carol', 'for carol, later');
    const [final] = await alice.inbox.waitFor((p) => h.isReceipt(p) && p.receipted_message_id === id2);
    assert.match(h.messageText(final.short_message), /stat:DELIVRD/);
    assert.equal(alice.inbox.pdus.filter((p) => p.receipted_message_id === id2).length, 2,
        'one notification and one receipt');
});
