import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, chromiumInstalled, scrollWidth } from './support/browser.js';
import { contrastProblems } from './support/contrast.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

describe.skipIf(!chromiumInstalled)('administration', () => {
  const journey = useJourney();

  it('the demo admin sees the admin menu, sends a test message, finds it in the outbox, opens the jobs', async () => {
    const page = await journey.page(DESKTOP);
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('heading', { name: 'Quản trị' }).waitFor();
    await nav.getByRole('link', { name: 'Công việc nền' }).waitFor();
    await nav.getByRole('link', { name: 'Hộp thư đi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();

    await page.getByRole('button', { name: 'Gửi thư thử' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi thư thử cho chính bạn' });
    await dialog.getByRole('checkbox', { name: 'Trong ứng dụng' }).waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Trong ứng dụng' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText('Đã gửi thư thử.', { exact: false }).waitFor();

    const list = page.getByRole('table', { name: 'Danh sách thư' });
    // Our test message (the demo's own notices may be sent around the same time).
    const inAppRow = list
      .getByRole('row')
      .filter({ hasText: 'Trong ứng dụng' })
      .filter({ hasText: 'Thư kiểm tra' })
      .first();
    await inAppRow.waitFor();
    expect(await contrastProblems(page)).toEqual([]);
    await screenshot(page, 'outbox-desktop');

    // Filtering by channel keeps only in-app messages.
    await page.getByRole('combobox', { name: 'Kênh' }).selectOption('inapp');
    await expect.poll(() => new URL(page.url()).searchParams.get('channel')).toBe('inapp');
    await expect
      .poll(async () => {
        const channels = await list.locator('tbody tr td:first-child').allTextContents();
        return channels.length > 0 && channels.every((c) => c === 'Trong ứng dụng');
      })
      .toBe(true);

    // The subject opens the full message.
    await inAppRow.getByRole('button').first().click();
    const message = page.getByRole('dialog', { name: 'Thư kiểm tra' });
    await message.getByTestId('outbox-body').waitFor();
    expect(await message.getByTestId('outbox-body').textContent()).toContain('Đây là thư kiểm tra');
    await screenshot(page, 'outbox-message');
    await page.keyboard.press('Escape');
    await message.waitFor({ state: 'hidden' });

    await nav.getByRole('link', { name: 'Công việc nền' }).click();
    await page.getByRole('heading', { level: 1, name: 'Công việc nền' }).waitFor();
    for (const state of ['queued', 'running', 'done', 'dead'])
      expect(await page.getByTestId(`job-count-${state}`).textContent()).toMatch(/^\d+$/);
    await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption('done');
    expect(await contrastProblems(page)).toEqual([]);
    await screenshot(page, 'jobs-desktop');
  });

  it('the unread badge in the header updates live when a notice arrives', async () => {
    const watcher = await journey.page(DESKTOP);
    const pushed: string[] = [];
    watcher.on('websocket', (socket) => {
      if (socket.url().endsWith('/api/events'))
        socket.on('framereceived', (frame) => pushed.push(String(frame.payload)));
    });
    await signIn(watcher);
    const bell = watcher.getByRole('button', { name: /^Thông báo/ });
    await bell.waitFor();
    const unread = async () =>
      Number((await bell.getAttribute('aria-label'))?.match(/(\d+) chưa đọc/)?.[1] ?? 0);
    const before = await unread();

    // Another tab of the same person sends an in-app test message; the watcher does not reload.
    const sender = await journey.page(DESKTOP);
    await signIn(sender);
    await sender.goto('/admin/outbox');
    await sender.getByRole('button', { name: 'Gửi thư thử' }).click();
    const dialog = sender.getByRole('dialog', { name: 'Gửi thư thử cho chính bạn' });
    for (const channel of ['Thư điện tử', 'SMS'])
      await dialog.getByRole('checkbox', { name: channel }).uncheck();
    await dialog.getByRole('button', { name: 'Gửi', exact: true }).click();
    await sender.getByText('Đã gửi thư thử.', { exact: false }).waitFor();

    await expect.poll(unread, { timeout: 15_000 }).toBe(before + 1);
    expect(pushed.some((frame) => frame.includes('"notify.inapp"'))).toBe(true); // pushed, not polled

    // Opening the bell lists the notice; choosing it marks it read.
    await bell.click();
    const item = watcher.getByRole('menuitem', { name: /Chưa đọc: Thư kiểm tra/ }).first();
    await item.click();
    await expect.poll(unread, { timeout: 15_000 }).toBe(before);
  });

  it('the outbox becomes cards on a phone, without sideways scrolling', async () => {
    const page = await journey.page(PHONE);
    await signIn(page);
    await page.goto('/admin/outbox');
    await page.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();
    await page
      .getByRole('list', { name: 'Danh sách thư' })
      .or(page.getByText('Không có thư nào khớp bộ lọc.'))
      .waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'outbox-phone');
    await page.goto('/admin/jobs');
    await page.getByRole('heading', { level: 1, name: 'Công việc nền' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'jobs-phone');
  });
});
