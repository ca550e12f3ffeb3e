import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Where screenshots and other artifacts of the browser suites go. */
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'artifacts', 'browser');

/** Headless Debian Chromium; no browser is ever downloaded. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A desktop-sized context, or a phone-sized one (390×844, touch) for the mobile walk. */
export function newContext(browser: Browser, device: 'desktop' | 'phone' = 'desktop'): Promise<BrowserContext> {
  return device === 'phone'
    ? browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    : browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
}

/** A staff login as the staff page keeps it in its storage. */
export interface StaffSession {
  token: string;
  expiresAt: string;
  user: unknown;
}

/** Logs a staff member in through the real login API, for a page that starts logged in. */
export async function staffLogin(baseUrl: string, username: string, password: string): Promise<StaffSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) {
    throw new Error(`login of ${username} answered ${res.status}`);
  }
  return ((await res.json()) as { data: StaffSession }).data;
}

/** A context whose staff page starts logged in with `stored` (what the page keeps after a login). */
export async function loggedInContext(browser: Browser, stored: unknown, device: 'desktop' | 'phone' = 'desktop'): Promise<BrowserContext> {
  const context = await newContext(browser, device);
  await context.addInitScript((s) => window.localStorage.setItem('wc.admin.session', JSON.stringify(s)), stored);
  return context;
}

/** A GET request the page sent to an API path: its path and search, when, and with which login. */
export interface ApiCall {
  url: string;
  at: number;
  auth: string | undefined;
}

/** The GET requests the page sends to an API path (`/api/applications` matches the list, not `/api/applications/7`). */
export function apiCalls(page: Page, path: string): ApiCall[] {
  const calls: ApiCall[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === path) {
      calls.push({ url: `${url.pathname}${url.search}`, at: Date.now(), auth: request.headers().authorization });
    }
  });
  return calls;
}

/** Saves a full-page screenshot as a test artifact and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until one of the elements shows the expected text (a substring, a whole text with
 * `exact`, or a pattern); fails with what was on screen instead.
 */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  options: { exact?: boolean; timeout?: number } = {},
): Promise<void> {
  const matches = (text: string) =>
    typeof expected === 'string' ? (options.exact ? text.trim() === expected : text.includes(expected)) : expected.test(text.trim());
  const deadline = Date.now() + (options.timeout ?? 10_000);
  let texts: string[] = [];
  while (Date.now() < deadline) {
    texts = await locator.allInnerTexts();
    if (texts.some(matches)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `expected ${String(locator)} to show ${String(expected)}, but it showed: ${texts.length ? texts.join(' | ') : '(nothing)'}`,
  );
}

/** Waits until the locator matches exactly `count` elements; fails with the count found. */
export async function expectCount(locator: Locator, count: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let found = await locator.count();
  while (found !== count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = await locator.count();
  }
  if (found !== count) {
    throw new Error(`expected ${count} of ${String(locator)}, found ${found}`);
  }
}

/**
 * Logs a browser context into the applicant H5 pages as the given user, the way the pages keep a
 * login (Taro storage in localStorage), so that a suite can start on any page.
 */
export async function storeH5Session(context: BrowserContext, login: { token: string; user: unknown }, ttlMs = 3600_000): Promise<void> {
  const session = { token: login.token, expiresAt: Date.now() + ttlMs, issuedAt: Date.now(), user: login.user };
  await context.addInitScript((stored) => {
    if (!window.localStorage.getItem('wc.session')) {
      window.localStorage.setItem('wc.session', JSON.stringify({ data: stored }));
    }
  }, session);
}
