import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, chromiumInstalled, scrollWidth } from './support/browser.js';
import { contrastProblems } from './support/contrast.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

describe.skipIf(!chromiumInstalled)('agency registry', () => {
  const journey = useJourney();

  it('the admin searches without diacritics, adds an agency, gives it a new code and resolves the old one', async () => {
    const page = await journey.page(DESKTOP);
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Cơ quan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cơ quan, tổ chức' }).waitFor();

    // "bo tu phap" finds "Bộ Tư pháp", and only it.
    await page.getByRole('searchbox', { name: 'Tìm theo tên hoặc mã' }).fill('bo tu phap');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('bo tu phap');
    const list = page.getByRole('table', { name: 'Danh sách cơ quan' });
    await page.getByText('Cơ quan 1–1 trong tổng số 1').waitFor();
    expect(await list.locator('tbody tr').count()).toBe(1);
    await list.getByRole('button', { name: 'Bộ Tư pháp' }).waitFor();
    expect(await contrastProblems(page)).toEqual([]);
    await screenshot(page, 'agencies-desktop');

    // A malformed code: the live hint warns, and the server's coded error is shown; nothing is created.
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    const create = page.getByRole('dialog', { name: 'Thêm cơ quan' });
    const code = create.getByRole('textbox', { name: 'Mã định danh' });
    await code.fill('000.00..G99');
    expect(await create.getByTestId('agency-code-hint').textContent()).toContain('Dấu chấm không được');
    await create.getByRole('textbox', { name: 'Tên tiếng Việt' }).fill('Cục Kiểm thử Hành trình');
    await create.getByRole('combobox', { name: 'Cấp', exact: true }).selectOption('central');
    await create.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await create.getByText('Mã định danh cơ quan không hợp lệ', { exact: false }).waitFor();
    await screenshot(page, 'agencies-code-invalid');

    // Lower-case letters are accepted and recorded upper-case; the parent is picked by searching.
    await code.fill('000.00.00.k77');
    expect(await create.getByTestId('agency-code-hint').textContent()).toContain('000.00.00.K77');
    await create.getByRole('combobox', { name: 'Cơ quan cấp trên' }).fill('bo tu phap');
    await page.getByRole('option', { name: 'Bộ Tư pháp (000.00.00.G15)' }).click();
    await create.getByRole('button', { name: 'Thêm cơ quan' }).click();
    const detail = page.getByRole('dialog', { name: 'Cục Kiểm thử Hành trình' });
    await detail.getByText('Đã thêm cơ quan Cục Kiểm thử Hành trình với mã 000.00.00.K77.').waitFor();
    await detail.getByRole('button', { name: 'Bộ Tư pháp (000.00.00.G15)' }).waitFor(); // the parent

    // A new code, confirmed after reading what it means; the old code keeps resolving.
    await detail.getByRole('button', { name: 'Đổi tên, đổi mã' }).click();
    const rename = page.getByRole('dialog', { name: 'Đổi tên, đổi mã: Cục Kiểm thử Hành trình' });
    await rename.getByRole('textbox', { name: /^Mã định danh/ }).fill('000.00.00.K78');
    await rename.getByRole('button', { name: 'Tiếp tục' }).click();
    await rename.getByText('vẫn tra cứu được', { exact: false }).waitFor();
    await rename.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
    await detail
      .getByText('Đã đổi mã định danh 000.00.00.K77 thành 000.00.00.K78; mã cũ vẫn tra cứu được.')
      .waitFor();
    await detail.getByRole('button', { name: 'Đóng' }).first().click();
    await detail.waitFor({ state: 'hidden' });

    await page.getByRole('textbox', { name: 'Mã định danh cần tra cứu' }).fill('000.00.00.K77');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    const resolution = page.getByTestId('agency-resolution');
    await resolution.getByText('Các cơ quan hiện hành tiếp nối', { exact: false }).waitFor();
    await resolution
      .getByRole('button', { name: 'Cục Kiểm thử Hành trình (000.00.00.K78)' })
      .first()
      .waitFor();

    // A code retired in the 2025 reorganisation leads to the ministry that took it over.
    await page.getByRole('textbox', { name: 'Mã định danh cần tra cứu' }).fill('000.00.00.G05');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await resolution.getByRole('button', { name: 'Bộ Kế hoạch và Đầu tư (000.00.00.G05)' }).waitFor();
    await resolution.getByRole('button', { name: 'Bộ Tài chính (000.00.00.G12)' }).first().waitFor();
    expect(await contrastProblems(page)).toEqual([]);
    await screenshot(page, 'agencies-resolve');

    // On a phone: cards, no sideways scrolling.
    await page.setViewportSize(PHONE);
    await page.getByRole('searchbox', { name: 'Tìm theo tên hoặc mã' }).fill('');
    const cards = page.getByRole('list', { name: 'Danh sách cơ quan' });
    await cards
      .getByRole('button', { name: /Chính phủ/ })
      .first()
      .waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'agencies-phone');
  });
});
