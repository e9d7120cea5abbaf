import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, chromiumInstalled, scrollWidth } from './support/browser.js';
import { contrastProblems } from './support/contrast.js';
import { screenshot, useJourney } from './support/journey.js';

describe.skipIf(!chromiumInstalled)('the web shell', () => {
  const journey = useJourney();

  it('loads in Vietnamese; English changes the navigation and survives a reload', async () => {
    const page = await journey.page(DESKTOP);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Trang chủ' }).waitFor();
    for (const label of ['Họp Chính phủ', 'Liên thông văn bản', 'Dịch vụ công'])
      await nav.getByRole('link', { name: label }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Chào mừng đến với CPĐT');
    // A visitor sees no administration menu.
    expect(await nav.getByRole('link', { name: 'Hộp thư đi' }).count()).toBe(0);
    expect(await contrastProblems(page)).toEqual([]);
    await screenshot(page, 'home-desktop');

    await page.getByRole('button', { name: 'English (EN)' }).click();
    const navEn = page.getByRole('navigation', { name: 'Main navigation' });
    for (const label of ['Home', 'e-Cabinet', 'Document exchange', 'Public services'])
      await navEn.getByRole('link', { name: label }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English (EN)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'cpdt_lang')?.value).toBe('en');

    await page.reload();
    await navEn.getByRole('link', { name: 'e-Cabinet' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to CPĐT');

    await page.getByRole('button', { name: 'Tiếng Việt (VI)' }).click();
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Trang chủ' })
      .waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('the server answers in the language chosen in the app (cookie cpdt_lang)', async () => {
    const page = await journey.page(DESKTOP); // the browser itself asks for Vietnamese (Accept-Language vi-VN)
    await page.goto('/');
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    const text = await page.evaluate(async () => (await fetch('/api/auth/session')).text());
    const body = JSON.parse(text) as { error: { message: string } };
    expect(body.error.message).toBe('You need to sign in.');
  });

  it('shows an honest "coming soon" page for modules not built yet', async () => {
    const page = await journey.page(DESKTOP);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Dịch vụ công' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Dịch vụ công' }).waitFor();
    await page.getByText('Đang xây dựng', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(await page.title()).toBe('Dịch vụ công — CPĐT');
    await screenshot(page, 'coming-soon-desktop');
  });

  it('is keyboard-operable: the first Tab reaches the skip link, which moves focus to the content', async () => {
    const page = await journey.page(DESKTOP);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focused()).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('fits a 360 px phone without sideways scrolling; the burger opens the navigation', async () => {
    const page = await journey.page(PHONE);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await contrastProblems(page)).toEqual([]);
    await screenshot(page, 'home-phone');

    const burger = page.getByRole('button', { name: 'Mở menu điều hướng' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    // The closed drawer is off screen and out of the Tab order.
    expect(await page.locator('#main-navigation').getAttribute('inert')).not.toBeNull();
    await burger.click();
    const close = page.getByRole('button', { name: 'Đóng menu điều hướng' });
    expect(await close.getAttribute('aria-expanded')).toBe('true');
    const link = page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Dịch vụ công' });
    await link.waitFor({ state: 'visible' });
    await page.waitForTimeout(300); // the drawer slides in
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'home-phone-menu');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Dịch vụ công' }).waitFor();
    expect(await page.getByRole('button', { name: 'Mở menu điều hướng' }).getAttribute('aria-expanded')).toBe(
      'false',
    );

    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
});
