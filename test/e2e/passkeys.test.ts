import { describe, expect, it } from 'vitest';
import { chromiumInstalled } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

/**
 * Passkeys with Chromium's virtual authenticator (a platform authenticator that verifies the user), on
 * "localhost": WebAuthn refuses an IP address as the site's name.
 */
describe.skipIf(!chromiumInstalled)('passkeys', () => {
  const journey = useJourney();

  it('an official adds a passkey on the profile page, then signs in with it and no password', async () => {
    const page = await journey.page();
    const origin = journey.server().url.replace('127.0.0.1', 'localhost');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${origin}/sign-in`);
    await signIn(page, { username: 'canbo', password: 'Demo@2026' }, origin);
    await page.goto(`${origin}/profile`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ và bảo mật' }).waitFor();
    await page.getByRole('textbox', { name: 'Tên gợi nhớ cho khoá này' }).fill('Máy tính làm việc');
    await page.getByRole('button', { name: 'Thêm khoá truy cập' }).click();
    await page.getByText('Máy tính làm việc').waitFor();
    await screenshot(page, 'profile-passkey');

    // Sign out, then back in with the passkey alone.
    await page.getByRole('button', { name: /Tài khoản của/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.goto(`${origin}/sign-in`);
    await page.getByRole('button', { name: 'Đăng nhập bằng khoá truy cập' }).click();
    await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
    const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
    expect(session).toMatchObject({ pending: null, methods: ['hwk'], person: { username: 'canbo' } });
  });
});
