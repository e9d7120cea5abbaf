import { spawnSync } from 'node:child_process';
import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoCa, initDemoCa } from '../../src/platform/crypto/index.js';
import { startTestSigningAgent } from '../support/signing-agent.js';
import { chromiumInstalled, PHONE, scrollWidth } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

/**
 * Signing by people in the browser: a member creates this device's signing key on /signing; the deployment's
 * demo CA issues its certificate; the private key stays a non-extractable WebCrypto key in IndexedDB.
 */
describe.skipIf(!chromiumInstalled)('signing keys in the browser', () => {
  const journey = useJourney();

  it('a member creates the device key, sees its certificate, and the key cannot be exported', async () => {
    // The deployment's demo CA (`cpdt ca init`), which issues device certificates.
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const init = spawnSync(process.execPath, ['bin/cpdt.mjs', 'ca', 'init'], {
      env: { ...env, CPDT_DATA_DIR: journey.server().dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect([0, 1], init.stderr).toContain(init.status); // 1: already there (made by the demo seed)

    const page = await journey.page();
    await signIn(page, { username: 'botruong.tuphap', password: 'Demo@2026' });
    await page.getByRole('button', { name: /Tài khoản của/ }).click();
    await page.getByRole('menuitem', { name: 'Ký số' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ký số' }).waitFor();
    await page.getByText('Thiết bị này chưa có khoá ký.').waitFor();
    await page.getByRole('button', { name: 'Tạo khoá ký trên thiết bị này' }).click();

    const certificate = page.getByTestId('device-certificate');
    await certificate.getByText('Thiết bị này đã sẵn sàng ký số.').waitFor();
    await page.getByText('Đã tạo khoá ký và cấp chứng thư số cho thiết bị này.').waitFor();
    expect(await certificate.textContent()).toContain('CN=');
    await page
      .getByRole('list', { name: 'Chứng thư ký số còn hiệu lực' })
      .getByText('Thiết bị này', { exact: true })
      .waitFor();
    await screenshot(page, 'signing-device-key');

    const check = await page.evaluate(async () => {
      const session = (await (await fetch('/api/auth/session')).json()) as { person: { id: string } };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('cpdt-signing');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('idb'));
      });
      const stored = await new Promise<{ privateKey: CryptoKey; certificateId: string | null }>(
        (resolve, reject) => {
          const r = db.transaction('device-keys').objectStore('device-keys').get(session.person.id);
          r.onsuccess = () => resolve(r.result as { privateKey: CryptoKey; certificateId: string | null });
          r.onerror = () => reject(r.error ?? new Error('idb'));
        },
      );
      let exported: string;
      try {
        await crypto.subtle.exportKey('pkcs8', stored.privateKey);
        exported = 'exported';
      } catch (e) {
        exported = `refused: ${(e as Error).name}`;
      }
      let jwk: string;
      try {
        await crypto.subtle.exportKey('jwk', stored.privateKey);
        jwk = 'exported';
      } catch (e) {
        jwk = `refused: ${(e as Error).name}`;
      }
      const keys = (await (await fetch('/api/identity/me/signing-keys')).json()) as {
        items: { id: string }[];
      };
      return {
        extractable: stored.privateKey.extractable,
        type: stored.privateKey.type,
        exported,
        jwk,
        registered: keys.items.some((k) => k.id === stored.certificateId),
      };
    });
    expect(check).toEqual({
      extractable: false,
      type: 'private',
      exported: 'refused: InvalidAccessError',
      jwk: 'refused: InvalidAccessError',
      registered: true,
    });

    // The key survives a reload: the page finds it again in IndexedDB.
    await page.reload();
    await page.getByTestId('device-certificate').getByText('Thiết bị này đã sẵn sàng ký số.').waitFor();
  });

  it('finds the local signing agent at the address the member sets, and lists the token’s certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-token-ca-'));
    await initDemoCa(dir, { passphrase: 'x', name: 'Token CA (test)' });
    const ca = await DemoCa.load(dir, 'x');
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'Nguyễn Văn An' },
    });
    const agent = await startTestSigningAgent({
      allowedOrigin: journey.server().url,
      privateKey,
      certificateDer: Buffer.from(issued.certificate.der),
      label: 'USB token thử nghiệm',
    });
    try {
      const page = await journey.page(PHONE);
      await signIn(page, { username: 'canbo', password: 'Demo@2026' });
      await page.goto('/signing');
      await page.getByRole('heading', { level: 1, name: 'Ký số' }).waitFor();
      await page.getByRole('textbox', { name: 'Địa chỉ phần mềm ký' }).fill(agent.url);
      await page.getByRole('button', { name: 'Lưu và kiểm tra' }).click();
      await page
        .getByText(/^Đã kết nối|^Không tìm thấy|^Phần mềm ký trả lỗi/)
        .waitFor()
        .catch(() => undefined);
      expect(agent.requests.map((r) => `${r.method} ${r.path} ${r.origin ?? ''}`)).toContain(
        `GET /v1/certificates ${journey.server().url}`,
      );
      await page.getByText('Đã kết nối: CPĐT test signing agent 1.0.0').waitFor();
      await page.getByText('USB token thử nghiệm').waitFor();
      await page.getByText('Chưa đăng ký trong hệ thống').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, 'signing-agent-phone');
      expect(agent.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(['GET /v1/info', 'GET /v1/certificates']),
      );
      expect(agent.requests.every((r) => r.origin === journey.server().url)).toBe(true);
    } finally {
      await agent.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
