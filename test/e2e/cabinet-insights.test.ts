import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

/** Today in Hà Nội as [year, month, day]. */
function vietnamToday(): [number, number, number] {
  const d = new Date(Date.now() + 7 * 3600_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
const ymd = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Issue 4, parts 6 and 7: on the demo content, a search without accents finds the draft decree of the
 * upcoming session, and the dashboard compares last month's session with the same month a year before.
 */
describe.skipIf(!chromiumInstalled)('e-Cabinet search and dashboard', () => {
  const journey = useJourney();

  it('finds the demo’s draft decree from "nghi dinh" typed without accents, on a phone', async () => {
    const page = await journey.page(PHONE);
    await signIn(page, { username: 'botruong.tuphap', password: 'Demo@2026' });
    await page.goto('/cabinet/search');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu phiên họp' }).waitFor();
    await page.getByRole('searchbox', { name: 'Từ khoá' }).fill('nghi dinh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('q')).toBe('nghi dinh');
    const results = page.getByRole('list', { name: 'Kết quả tra cứu' });
    const decree = results
      .getByRole('listitem')
      .filter({ has: page.getByText('Tài liệu', { exact: true }) })
      .filter({
        has: page.getByRole('link', { name: /^Dự thảo Nghị định quy định về định danh và xác thực điện tử/ }),
      });
    await decree.first().waitFor();
    // The words matched are marked, whatever their accents.
    expect(await decree.first().locator('mark').first().innerText()).toMatch(/Nghị định/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'cabinet-search-phone');

    await decree.first().getByRole('link').first().click();
    await page.waitForURL(/\/cabinet\/meetings\/[^/]+\/papers\/[^/?]+/);
  });

  it('shows the Government Office the figures of last month against the same month a year before', async () => {
    const page = await journey.page(DESKTOP);
    await signIn(page);
    await page.goto('/cabinet/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Thống kê phiên họp' }).waitFor();
    await page.getByRole('combobox', { name: 'Cơ quan họp' }).selectOption({ label: 'Chính phủ (CP)' });
    const [y, m, d] = vietnamToday();
    const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const period = page.getByRole('group', { name: 'Kỳ thống kê' });
    await period.getByLabel('Từ ngày').fill(ymd(py, pm, 1));
    await period.getByLabel('Đến ngày').fill(ymd(y, m, d));
    const baseline = page.getByRole('group', { name: 'Kỳ so sánh' });
    await baseline.getByLabel('Từ ngày').fill(ymd(py - 1, pm, 1));
    await baseline.getByLabel('Đến ngày').fill(ymd(py - 1, pm, lastDay(py - 1, pm)));
    await page.getByRole('button', { name: 'Xem số liệu' }).click();

    await page.getByText(`Từ 01/${String(pm).padStart(2, '0')}/${py}`).waitFor();
    const cards = page.getByRole('list', { name: 'Số liệu chính' });
    await expect
      .poll(() => cards.getByRole('listitem').filter({ hasText: 'Phiên họp đã tổ chức' }).innerText())
      .toMatch(/Phiên họp đã tổ chức\s+1/);
    await cards
      .getByRole('listitem')
      .filter({ hasText: 'Thời gian họp bình quân' })
      .getByText('173 phút', { exact: true })
      .waitFor();
    await page.getByText('Thời gian họp bình quân giảm 30,8% so với kỳ so sánh (250 → 173 phút).').waitFor();
    await page.getByText('Đã đạt mục tiêu giảm 30%.').waitFor();
    const items = page.getByRole('list', {
      name: 'Thời gian thực tế so với thời lượng dự kiến của từng nội dung',
    });
    expect(await items.getByRole('listitem').count()).toBe(3);
    await items.getByRole('listitem').filter({ hasText: '52/45 phút · vượt' }).waitFor();
    await screenshot(page, 'cabinet-dashboard');

    await page.setViewportSize(PHONE);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'cabinet-dashboard-phone');
  });
});
