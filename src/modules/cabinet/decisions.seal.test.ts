import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { freePort } from '../../../test/support/test-pki.js';
import { verifyDetached } from '../../platform/crypto/index.js';
import { sealStatement } from './decisions.seal.js';

describe('sealing decision statements', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    // A time-stamping authority is configured but nothing listens there: it is down.
    p = await testPlatform({
      PKI_TSA_URL: `http://127.0.0.1:${await freePort()}/tsa`,
      PKI_HTTP_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    await p.close();
  });

  it('seals with the system seal, and a checkpoint still closes when the TSA is down (no token)', async () => {
    const at = p.clock.now();
    const payload = '{"type":"cpdt.checkpoint"}';
    for (const timestamp of [false, true]) {
      const cms = Buffer.from(await sealStatement(p, payload, at, { timestamp }), 'base64');
      const checked = verifyDetached(cms, Buffer.from(payload, 'utf8'));
      expect(checked.signerCertificate.equals((await p.pki.seal()).certificate)).toBe(true);
      expect(checked.timestampToken ?? null).toBeNull();
    }
    await expect(p.pki.timestamp(Buffer.from('x'))).rejects.toThrow();
  });
});
