import { describe, expect, it } from 'vitest';
import { chromiumInstalled } from './support/browser.js';
import { afterPassword, enrolTotp, screenshot, signIn, useJourney } from './support/journey.js';

/**
 * Issue 3's acceptance journey: an administrator creates an agency and an official; the official sets up an
 * authenticator and signs in with it; a Government member without a second factor must set one up first.
 */
describe.skipIf(!chromiumInstalled)('central authentication', () => {
  const journey = useJourney();
  const official = { username: 'chuyenvien.kt', password: 'Mật-khẩu-ban-đầu-2026' }; // changed on the way

  it('an administrator creates an agency and an official in it', async () => {
    const page = await journey.page();
    await signIn(page); // the demo admin sets up an authenticator at this first sign-in
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });

    await nav.getByRole('link', { name: 'Cơ quan' }).click();
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    const create = page.getByRole('dialog', { name: 'Thêm cơ quan' });
    await create.getByRole('textbox', { name: 'Mã định danh' }).fill('000.00.00.K31');
    await create.getByRole('textbox', { name: 'Tên tiếng Việt' }).fill('Cục Chính phủ số Thử nghiệm');
    await create.getByRole('combobox', { name: 'Cấp', exact: true }).selectOption('central');
    await create.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page
      .getByText('Đã thêm cơ quan Cục Chính phủ số Thử nghiệm với mã 000.00.00.K31.', { exact: false })
      .waitFor();
    await page.keyboard.press('Escape');

    await nav.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const person = page.getByRole('dialog', { name: 'Thêm người dùng' });
    await person.getByRole('textbox', { name: 'Họ và tên' }).fill('Trịnh Thu Hà');
    await person.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(official.username);
    await person.getByLabel('Cơ quan công tác').fill('chinh phu so thu nghiem');
    await page.getByRole('option', { name: 'Cục Chính phủ số Thử nghiệm (000.00.00.K31)' }).click();
    await person.getByLabel('Mật khẩu ban đầu').fill(official.password);
    await person.getByRole('button', { name: 'Tạo người dùng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trịnh Thu Hà' }).waitFor();
    expect(page.url()).toMatch(/\/admin\/people\/[0-9a-f-]{36}$/);
    await page.getByText('Cục Chính phủ số Thử nghiệm', { exact: false }).first().waitFor();
    await screenshot(page, 'identity-person-created');
  });

  it('the official sets up an authenticator app and their own password, then signs in with both', async () => {
    const page = await journey.page();
    await signIn(page, official); // no second factor required for an official…
    await page.goto('/profile');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ và bảo mật' }).waitFor();
    await enrolTotp(page, official.username); // …but they may add one
    await page.getByText('Đã bật').waitFor();
    // and replace the initial password the administrator gave them.
    await page.getByLabel('Mật khẩu hiện tại').fill(official.password);
    official.password = 'Mật-khẩu-của-riêng-tôi-2026';
    await page.getByLabel(/^Mật khẩu mới/).fill(official.password);
    await page.getByLabel(/^Nhập lại mật khẩu mới/).fill(official.password);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu', { exact: false }).waitFor();

    await page.getByRole('button', { name: /Tài khoản của/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(official.username);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(official.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Xác thực bước hai' }).waitFor();
    await afterPassword(page, official.username, page.getByRole('heading', { level: 1, name: /^Xin chào/ }));
    const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
    expect(session).toMatchObject({
      pending: null,
      methods: ['pwd', 'otp'],
      agency: { code: '000.00.00.K31' },
    });
  });

  it('a Government member without a second factor must set one up before anything else', async () => {
    const page = await journey.page();
    await page.goto('/profile');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('thutuong');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('Demo@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const enrol = page.getByRole('heading', { level: 1, name: 'Thiết lập xác thực hai bước' });
    await enrol.waitFor();
    // Anywhere else leads back here, and the server refuses everything else too.
    await page.goto('/admin/people');
    await enrol.waitFor();
    expect(new URL(page.url()).pathname).toBe('/mfa/enrol');
    const refused = await page.evaluate(() => fetch('/api/notifications/mine').then((r) => r.json()));
    expect(refused.error.code).toBe('MFA_ENROLMENT_REQUIRED');
    await screenshot(page, 'identity-member-must-enrol');
    await enrolTotp(page, 'thutuong');
    // Then where they were going (a page a Prime Minister has no permission for says so).
    await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
  });
});
