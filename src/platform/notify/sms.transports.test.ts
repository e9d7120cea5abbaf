import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsTransport } from './http-sms.transport.js';
import { SmppTransport } from './smpp.transport.js';
import { startSmppServer, type SmppTestServer } from '../../../test/support/message-servers.js';
import { PermanentDeliveryError, type OutgoingMessage } from './transport.js';

const message = (text: string, address = '+84912345678'): OutgoingMessage => ({
  id: '6f1c1d3e-0000-4000-8000-000000000001',
  address,
  subject: '',
  text,
  html: null,
  attachments: [],
});

describe('SMPP transport against a real SMPP server', () => {
  let smsc: SmppTestServer;
  beforeAll(async () => {
    smsc = await startSmppServer('cpdt', 'p@ss:word');
  });
  afterAll(() => smsc.close());

  it('sends a long text whole in message_payload when asked to', async () => {
    const t = new SmppTransport({ url: `${smsc.url}?long=payload`, sourceAddr: '8100' });
    try {
      const text = 'Ủy ban nhân dân thành phố Hà Nội thông báo lịch tiếp công dân định kỳ tháng 6. '.repeat(
        3,
      );
      const receipt = await t.send(message(text));
      expect(receipt.providerMessageId).toMatch(/^M\d+$/);
      expect(smsc.submits.at(-1)).toMatchObject({
        viaPayload: true,
        dataCoding: 8,
        concat: null,
        text,
        sourceAddr: '8100',
      });
    } finally {
      await t.close();
    }
  });

  it('binds with credentials from the URL and refuses to send when they are wrong', async () => {
    const wrong = new SmppTransport({
      url: smsc.url.replace('p%40ss', 'nope'),
      sourceAddr: 'CPDT',
      timeoutMs: 2000,
    });
    await expect(wrong.send(message('xin chào'))).rejects.toThrow(/bind refused|closed/);
    await wrong.close();
  });

  it('fails a send (to be retried) when the SMSC cannot be reached', async () => {
    const t = new SmppTransport({ url: 'smpp://a:b@127.0.0.1:1', sourceAddr: 'CPDT', timeoutMs: 2000 });
    const failure = t.send(message('xin chào'));
    await expect(failure).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    await expect(failure).rejects.toThrow(/ECONNREFUSED/);
    await t.close();
  });
});

describe('HTTP SMS gateway transport', () => {
  let server: http.Server;
  let url: string;
  const seen: { auth: string | undefined; body: unknown }[] = [];
  let status = 200;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body: JSON.parse(body) as unknown });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'gw-42' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts {to, text} with the bearer token and keeps the gateway id', async () => {
    const t = new HttpSmsTransport({ url, token: 'tok-123' });
    expect(await t.send(message('Mã xác thực của bạn là 123456'))).toEqual({ providerMessageId: 'gw-42' });
    expect(seen.at(-1)).toEqual({
      auth: 'Bearer tok-123',
      body: {
        to: '+84912345678',
        text: 'Mã xác thực của bạn là 123456',
        reference: '6f1c1d3e-0000-4000-8000-000000000001',
      },
    });
  });

  it('treats 4xx as a refusal for good and 5xx / 429 as worth retrying', async () => {
    const t = new HttpSmsTransport({ url });
    status = 400;
    await expect(t.send(message('x'))).rejects.toBeInstanceOf(PermanentDeliveryError);
    status = 503;
    await expect(t.send(message('x'))).rejects.toMatchObject({ code: 'HTTP_503' });
    status = 429;
    await expect(t.send(message('x'))).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    status = 200;
  });
});
