import { describe, expect, it } from 'vitest';
import { chromiumInstalled } from './support/browser.js';
import { afterPassword, screenshot, useJourney } from './support/journey.js';

describe.skipIf(!chromiumInstalled)('signing in', () => {
  const journey = useJourney();

  it('a wrong password shows the Vietnamese message and the lock policy, not a count', async () => {
    const page = await journey.page();
    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('canbo');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    expect(await alert.textContent()).toContain(
      'Sau 5 lần nhập sai liên tiếp, tài khoản bị tạm khoá 15 phút.',
    );
    expect(await alert.textContent()).not.toContain('Còn');
    // The password is cleared for the next try; the username stays.
    expect(await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('textbox', { name: 'Tên đăng nhập' }).inputValue()).toBe('canbo');
  });

  it('after five wrong passwords the account is locked until a time shown in Vietnam time', async () => {
    const page = await journey.page();
    await page.goto('/sign-in');
    // canbo has one failure from the test above; four more lock the account.
    for (let i = 0; i < 4; i++) {
      await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('canbo');
      await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(`wrong-${i}`);
      // Wait for this attempt's own answer before the next.
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in'));
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      expect((await answered).status()).toBe(i < 3 ? 401 : 423);
    }
    const alert = page.getByRole('alert');
    await alert.getByText(/Tài khoản tạm khoá/).waitFor();
    expect(await alert.textContent()).toMatch(
      /Tài khoản sẽ được mở khoá lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./,
    );
    // The unlock time (about 15 minutes from now) is shown in Vietnam's time zone, not the browser's (Paris).
    const shown = (await alert.textContent())?.match(/(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2})/)?.[1];
    const vietnam = (offsetMinutes: number) => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(new Date(Date.now() + offsetMinutes * 60_000));
      const part = (type: string) => parts.find((p) => p.type === type)?.value;
      return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
    };
    expect([14, 15, 16].map(vietnam)).toContain(shown);
    await screenshot(page, 'sign-in-locked');
  });

  it('in English the error is English', async () => {
    const page = await journey.page();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await page.getByRole('textbox', { name: 'Username' }).fill('nobody');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('whatever');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
  });

  it('a protected page sends a visitor to sign in and back', async () => {
    const page = await journey.page();
    await page.goto('/admin/jobs');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/jobs');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('admin');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('Demo@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    // The administrator must use a second factor; after it, the page asked for.
    await afterPassword(page, 'admin', page.getByRole('heading', { level: 1, name: 'Công việc nền' }));
  });
});
