import { describe, expect, it } from 'vitest';
import { PHONE, chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, useJourney } from './support/journey.js';

/** A citizen signs in through the national e-ID (the demo's local VNeID simulator), on a phone. */
describe.skipIf(!chromiumInstalled)('national e-ID sign-in', () => {
  const journey = useJourney();

  it('a citizen picks their VNeID account and comes back signed in, linked by personal ID', async () => {
    const page = await journey.page(PHONE);
    await page.goto('/sign-in?next=%2Fprofile');
    await page.getByRole('link', { name: /VNeID/ }).click();
    // The simulator's own page (another origin), Vietnamese first.
    await page.getByText('MÔ PHỎNG', { exact: false }).first().waitFor();
    expect(new URL(page.url()).origin).not.toBe(new URL(journey.server().url).origin);
    await screenshot(page, 'eid-simulator-phone');
    await page
      .getByRole('button', { name: /Số định danh/ })
      .first()
      .click();
    const agree = page.getByRole('button', { name: /^Đồng ý/ });
    if (await agree.isVisible().catch(() => false)) await agree.click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ và bảo mật' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
    expect(session).toMatchObject({ pending: null, methods: ['eid'], person: { kind: 'citizen' } });
  });

  it('refusing to share comes back to the sign-in page with the reason, signed out', async () => {
    const page = await journey.page();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: /VNeID/ }).click();
    await page.getByRole('button', { name: /Từ chối/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).searchParams.get('eidError')).toBe('IDENTITY_EID_CANCELLED');
    await page.getByRole('alert').first().waitFor();
    const status = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.status));
    expect(status).toBe(401);
  });
});
