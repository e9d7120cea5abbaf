import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DESKTOP, launchBrowser, openPage } from './browser.js';
import { SCREENSHOT_DIR } from './paths.js';
import { startServer, type RunningServer } from './server.js';

export interface Journey {
  server(): RunningServer;
  /** A new page in a fresh profile; closed after the test. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
}

/** One server and one browser for the file; a fresh browser profile for every page. */
export function useJourney(): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    // Like every data test: PGlite by default, a fresh PostgreSQL database when DATABASE_URL is set.
    server = await startServer({ postgres: Boolean(process.env['DATABASE_URL']) });
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

/** Signs in through the form, in Vietnamese, and waits for the home page greeting. */
export async function signIn(
  page: Page,
  credentials: { username: string; password: string } = DEMO_ADMIN,
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(credentials.username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
}
