import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DESKTOP, launchBrowser, openPage } from './browser.js';
import { SCREENSHOT_DIR } from './paths.js';
import { startServer, type RunningServer } from './server.js';
import { totpCode, totpStep } from '../../../src/modules/identity/totp.js';

export interface Journey {
  server(): RunningServer;
  /** A new page in a fresh profile; closed after the test. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
}

export interface JourneyOptions {
  /** Extra environment for the server, read when it starts (after the file's earlier beforeAll hooks). */
  env?: () => Record<string, string>;
}

/** One server and one browser for the file; a fresh browser profile for every page. */
export function useJourney(options: JourneyOptions = {}): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    // Like every data test: PGlite by default, a fresh PostgreSQL database when DATABASE_URL is set.
    server = await startServer({
      postgres: Boolean(process.env['DATABASE_URL']),
      ...(options.env ? { env: options.env() } : {}),
    });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    server: () => {
      if (!server) throw new Error('server not started');
      return server;
    },
    page: async (viewport = DESKTOP) => {
      if (!browser || !server) throw new Error('journey not started');
      const { context, page } = await openPage(browser, server.url, viewport);
      contexts.push(context);
      return page;
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

export const DEMO_ADMIN = { username: 'admin', password: 'Demo@2026' } as const;

/** TOTP secrets the journeys enrolled, by username, so a later sign-in can answer the second step. */
const enrolled = new Map<string, { secret: string; lastStep: number }>();

/** How far the server's clock is moved (CPDT_CLOCK_OFFSET_MS): codes are checked against the moved clock. */
let serverClockOffsetMs = 0;

/** Journeys that restart the server with a moved clock tell the authenticator here. */
export function setServerClockOffset(ms: number): void {
  serverClockOffsetMs = ms;
}

const serverNow = () => new Date(Date.now() + serverClockOffsetMs);

/** A fresh code for this person, waiting for the next 30-second step if this one was already used. */
async function nextCode(username: string): Promise<string> {
  const entry = enrolled.get(username);
  if (!entry) throw new Error(`${username} has no authenticator in this journey`);
  let step = totpStep(serverNow());
  while (step <= entry.lastStep) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    step = totpStep(serverNow());
  }
  entry.lastStep = step;
  return totpCode(entry.secret, step);
}

/** Sets up an authenticator app on the page in front of it (enrolment page or profile), as a person would. */
export async function enrolTotp(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: 'Thiết lập ứng dụng xác thực' }).click();
  const secret = (await page.getByLabel('Khoá bí mật').innerText()).replace(/\s/g, '');
  enrolled.set(username, { secret, lastStep: -1 });
  await page
    .getByRole('textbox', { name: /Nhập mã 6 chữ số ứng dụng vừa tạo/ })
    .fill(await nextCode(username));
  await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
  await page.getByRole('checkbox', { name: 'Tôi đã lưu các mã khôi phục' }).check();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
}

/** Answers the second sign-in step with the person's authenticator code. */
export async function answerTotp(page: Page, username: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Mã xác thực' }).fill(await nextCode(username));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
}

/**
 * Signs in through the form, in Vietnamese, and waits for the home page greeting. An account that must use
 * a second factor enrols an authenticator the first time and answers with it afterwards.
 */
export async function signIn(
  page: Page,
  credentials: { username: string; password: string } = DEMO_ADMIN,
  origin = '',
): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(credentials.username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await afterPassword(page, credentials.username, page.getByRole('heading', { level: 1, name: /^Xin chào/ }));
}

/** After the password: enrols or answers the second step if one is asked for, then waits for `landing`. */
export async function afterPassword(page: Page, username: string, landing: Locator): Promise<void> {
  const enrol = page.getByRole('heading', { level: 1, name: 'Thiết lập xác thực hai bước' });
  const verify = page.getByRole('heading', { level: 1, name: 'Xác thực bước hai' });
  await landing.or(enrol).or(verify).waitFor();
  if (await enrol.isVisible()) await enrolTotp(page, username);
  else if (await verify.isVisible()) await answerTotp(page, username);
  await landing.waitFor();
}
