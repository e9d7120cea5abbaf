/**
 * A test double of the local signing agent (docs/signing-agent.md, protocol `cpdt-signing-agent/1`): a node HTTP
 * server on 127.0.0.1 holding one key and its certificate as a USB token would, that "asks the user" by
 * calling `confirm` (yes by default) and records every request it receives.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSignedAttributes } from '../../src/platform/crypto/index.js';

export const AGENT_PROTOCOL = 'cpdt-signing-agent/1';

export interface AgentSignRequest {
  certificateId: string;
  data: string;
  algorithm: 'ECDSA-SHA256' | 'RSA-SHA256';
  summary: string[];
  payloadSha256: string;
  origin: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  origin: string | null;
  body: unknown;
}

export interface TestSigningAgent {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: RecordedRequest[];
  /** The id the agent gives its one certificate. */
  certificateId: string;
  close(): Promise<void>;
}

export interface TestSigningAgentOptions {
  /** The CPĐT web origin this agent serves (CORS); anything else is refused. */
  allowedOrigin: string;
  privateKey: crypto.KeyObject;
  certificateDer: Buffer;
  label?: string;
  /** What the user answers when shown the summary; default: confirms. */
  confirm?: (request: AgentSignRequest) => boolean;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const fail = (code: string, message: string) => ({ error: { code, message } });

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 256 * 1024) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function isSignRequest(body: unknown): body is AgentSignRequest {
  const b = body as Partial<AgentSignRequest> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.certificateId === 'string' &&
    typeof b.data === 'string' &&
    (b.algorithm === 'ECDSA-SHA256' || b.algorithm === 'RSA-SHA256') &&
    Array.isArray(b.summary) &&
    b.summary.every((s) => typeof s === 'string') &&
    typeof b.payloadSha256 === 'string' &&
    typeof b.origin === 'string'
  );
}

export async function startTestSigningAgent(options: TestSigningAgentOptions): Promise<TestSigningAgent> {
  const certificateId = crypto.createHash('sha256').update(options.certificateDer).digest('hex').slice(0, 16);
  const keyType = options.privateKey.asymmetricKeyType;
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    void (async () => {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = null;
      if (req.method === 'POST') {
        try {
          body = await readJson(req);
        } catch {
          send(res, 400, fail('bad_request', 'Body must be JSON'));
          return;
        }
      }
      requests.push({ method: req.method ?? '', path: url.pathname, origin, body });

      // Only the configured CPĐT origin may talk to the agent; no CORS headers for anyone else.
      if (origin !== options.allowedOrigin) {
        send(res, 403, fail('origin_not_allowed', `Origin ${origin ?? '(none)'} is not allowed`));
        return;
      }
      const cors: Record<string, string> = {
        'access-control-allow-origin': origin,
        vary: 'Origin',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
          ...(req.headers['access-control-request-private-network'] === 'true'
            ? { 'access-control-allow-private-network': 'true' }
            : {}),
        });
        res.end();
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v1/info') {
        send(res, 200, { name: 'CPĐT test signing agent', version: '1.0.0', protocol: AGENT_PROTOCOL }, cors);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v1/certificates') {
        send(
          res,
          200,
          [
            {
              id: certificateId,
              certificate: options.certificateDer.toString('base64'),
              label: options.label ?? 'Test token',
            },
          ],
          cors,
        );
        return;
      }
      if (req.method === 'POST' && url.pathname === '/v1/sign') {
        if (!isSignRequest(body)) {
          send(
            res,
            400,
            fail('bad_request', 'certificateId, data, algorithm, summary, payloadSha256, origin'),
            cors,
          );
          return;
        }
        if (body.certificateId !== certificateId) {
          send(res, 404, fail('unknown_certificate', 'No such certificate on the token'), cors);
          return;
        }
        if (body.origin !== origin) {
          send(
            res,
            400,
            fail('origin_mismatch', 'The origin in the body is not the requesting origin'),
            cors,
          );
          return;
        }
        const wanted = keyType === 'rsa' ? 'RSA-SHA256' : 'ECDSA-SHA256';
        if (body.algorithm !== wanted) {
          send(res, 400, fail('unsupported_algorithm', `This key signs ${wanted}`), cors);
          return;
        }
        const data = Buffer.from(body.data, 'base64');
        // What is signed must be the CMS signed attributes over the payload whose hash the user is shown.
        let digest: string;
        try {
          digest = readSignedAttributes(data).contentSha256.toString('hex');
        } catch {
          send(res, 400, fail('data_not_signed_attributes', 'data is not CMS signed attributes'), cors);
          return;
        }
        if (digest !== body.payloadSha256.toLowerCase()) {
          send(res, 400, fail('data_mismatch', 'data does not carry payloadSha256'), cors);
          return;
        }
        if (!(options.confirm ?? (() => true))(body)) {
          send(res, 409, fail('user_cancelled', 'The user declined to sign'), cors);
          return;
        }
        const signature =
          keyType === 'rsa'
            ? crypto.sign('sha256', data, options.privateKey)
            : crypto.sign('sha256', data, { key: options.privateKey, dsaEncoding: 'ieee-p1363' });
        send(res, 200, { signature: signature.toString('base64') }, cors);
        return;
      }
      send(res, 404, fail('not_found', 'No such endpoint'), cors);
    })().catch((e: unknown) => {
      send(res, 500, fail('internal', String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    certificateId,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
