'use strict';
// The benchmark's reference: a minimal SMPP server written the usual way with the `smpp` npm
// package (installed under tests/interop). It accepts any bind, answers submit_sm with a decimal
// id, and sends a DELIVRD receipt (after the response) when registered_delivery asks for one.
// Usage: node reference-server.js [port] [host]   (port 0 = ephemeral; prints "listening PORT")

const path = require('node:path');
const smpp = require(require.resolve('smpp', { paths: [path.join(__dirname, '..', 'interop')] }));

const port = Number(process.argv[2] || 0);
const host = process.argv[3] || '127.0.0.1';
let nextId = 1;

function stamp(d) {
    const p = (n) => String(n).padStart(2, '0');
    return p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate())
        + p(d.getUTCHours()) + p(d.getUTCMinutes());
}

function receiptFor(pdu, id) {
    const now = stamp(new Date());
    return {
        source_addr: pdu.destination_addr,
        destination_addr: pdu.source_addr,
        esm_class: 0x04,
        data_coding: 0,
        short_message: `id:${id} sub:001 dlvrd:001 submit date:${now} done date:${now} stat:DELIVRD err:000 text:`,
        receipted_message_id: id,
        message_state: 2,
    };
}

const server = smpp.createServer((session) => {
    session.on('error', () => session.destroy());
    const onBind = (pdu) => {
        session.send(pdu.response({ system_id: 'npm-reference' }));
    };
    session.on('bind_transceiver', onBind);
    session.on('bind_transmitter', onBind);
    session.on('bind_receiver', onBind);
    session.on('submit_sm', (pdu) => {
        const id = String(nextId++);
        session.send(pdu.response({ message_id: id }));
        if (pdu.registered_delivery & 0x03) {
            session.deliver_sm(receiptFor(pdu, id));
        }
    });
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
        session.send(pdu.response());
        session.close();
    });
});

server.listen(port, host, () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
