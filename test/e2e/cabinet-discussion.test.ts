import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';
import { SCREENSHOT_DIR } from './support/paths.js';

const PASSWORD = 'Demo@2026';
const PHONE_390 = { width: 390, height: 844 } as const;
const ITEM = 'Đề án chuyển đổi số trong chỉ đạo, điều hành (thảo luận trước phiên họp)';
const REASON = 'Đề nghị làm rõ nguồn kinh phí và lộ trình trước khi thông qua.';
const COMMENT = 'Đề nghị Bộ chủ trì bổ sung đánh giá tác động tài chính.';

/** The demo session (next month's regular meeting of the Government, seeded at start). */
async function demoMeetingId(page: Page): Promise<string> {
  const list = await page.evaluate(() =>
    fetch('/api/cabinet/meetings').then((r) => r.json() as Promise<{ items: { id: string }[] }>),
  );
  const id = list.items[0]?.id;
  if (!id) throw new Error('the demo session is missing');
  return id;
}

/** Opens the item's block in the discussion section of the meeting page. */
async function openItem(page: Page, meetingId: string) {
  await page.goto(`/cabinet/meetings/${meetingId}`);
  const section = page.getByRole('region', { name: 'Thảo luận và ý kiến trước phiên họp' });
  await section.waitFor();
  await section.getByRole('button', { name: new RegExp(ITEM.slice(0, 30)) }).click();
  const panel = section.getByRole('region', { name: new RegExp(ITEM.slice(0, 30)) });
  await panel.waitFor();
  return panel;
}

/**
 * Issue 4: the Prime Minister's secretary drafts his opinion on an item; he reads it on his phone, comments on
 * the item and submits; the Government Office sees how his opinion differs before the meeting.
 */
describe.skipIf(!chromiumInstalled)('e-Cabinet discussion and opinions before the meeting', () => {
  const journey = useJourney();

  it('secretary drafts, the member comments and submits on a phone, the office sees the difference', async () => {
    const office = await journey.page();
    await signIn(office);
    const meetingId = await demoMeetingId(office);
    const added = await office.evaluate(
      async ({ meetingId, title }) => {
        const res = await fetch(`/api/cabinet/meetings/${meetingId}/agenda`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title, plannedMinutes: 30 }),
        });
        return res.status;
      },
      { meetingId, title: ITEM },
    );
    expect(added).toBe(201);

    // The secretary (thư ký of the Prime Minister) drafts; there is no way for them to submit.
    const secretary = await journey.page();
    await signIn(secretary, { username: 'thuky', password: PASSWORD });
    let panel = await openItem(secretary, meetingId);
    await panel.getByRole('heading', { name: 'Soạn ý kiến thay thành viên' }).waitFor();
    await panel.getByRole('radio', { name: 'Không đồng ý' }).check();
    await panel.getByRole('textbox', { name: 'Nội dung ý kiến' }).fill(REASON);
    expect(await panel.getByRole('button', { name: 'Gửi ý kiến' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Lưu nháp' }).click();
    await panel.getByText('Đã lưu bản nháp.').waitFor();
    await panel.getByText('Bản nháp do Đỗ Minh Khoa soạn thay').waitFor();

    // The Prime Minister, on a 390 px phone: the draft is there, marked as his secretary's.
    const member = await journey.page(PHONE_390);
    await signIn(member, { username: 'thutuong', password: PASSWORD });
    panel = await openItem(member, meetingId);
    await panel.getByText('Bản nháp do Đỗ Minh Khoa soạn thay').waitFor();
    expect(await panel.getByRole('radio', { name: 'Không đồng ý' }).isChecked()).toBe(true);
    expect(await panel.getByRole('textbox', { name: 'Nội dung ý kiến' }).inputValue()).toBe(REASON);

    await panel.getByRole('textbox', { name: 'Ý kiến mới' }).fill(COMMENT);
    await panel.getByRole('button', { name: 'Gửi', exact: true }).click();
    const thread = panel.getByRole('list', { name: 'Các ý kiến thảo luận' });
    await thread.getByText(COMMENT).waitFor();

    await panel.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await panel.getByText('Đã gửi ý kiến.').waitFor();
    await panel.getByText(/^Đã gửi lúc/).waitFor();
    const differs = panel.getByRole('region', { name: 'Ý kiến khác với "Đồng ý"' });
    await differs.getByText(REASON).waitFor();
    expect(await scrollWidth(member)).toBeLessThanOrEqual(PHONE_390.width);
    await screenshot(member, 'cabinet-discussion-phone');
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'cabinet-discussion-phone-item.png') });

    // The Government Office, in its own browser, sees who differs and why, and who has not answered yet.
    panel = await openItem(office, meetingId);
    const seen = panel.getByRole('region', { name: 'Ý kiến khác với "Đồng ý"' });
    await seen.getByText('Trần Quốc Bình').waitFor();
    await seen.getByText('Không đồng ý').waitFor();
    await seen.getByText(REASON).waitFor();
    await panel.getByText(/^Chưa cho ý kiến/).waitFor();
    await panel.getByRole('list', { name: 'Các ý kiến thảo luận' }).getByText(COMMENT).waitFor();
    await screenshot(office, 'cabinet-discussion-office');
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'cabinet-discussion-office-item.png') });
  });
});
