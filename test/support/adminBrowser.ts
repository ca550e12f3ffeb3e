import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { StaffRole } from '@wc/shared';
import { TEST_PASSWORD, createStaff, type TestUser } from '../../server/test/support/factories';
import { jpeg } from '../../server/test/support/sampleFiles';
import { newContext, screenshot } from './browser';

/**
 * Driving the staff page the way a clerk does: log in on the login page, find the application in
 * the list, open the form of an action by its button, fill it in, upload files, submit.
 */

export type Device = 'desktop' | 'phone';

export interface Session {
  context: BrowserContext;
  page: Page;
  user: TestUser;
  /** Script errors the page threw; closing the session fails on any. */
  errors: string[];
  close(): Promise<void>;
}

export interface FileInput {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** One staff member per role of the walk (two surveyors, to hand work over). */
export async function createWalkStaff(baseUrl: string) {
  const make = (roles: StaffRole[], name: string) => createStaff(baseUrl, roles, name);
  return {
    admin: await make(['admin'], '管理员'),
    window: await make(['window_clerk'], '王芳'),
    techHead: await make(['tech_head'], '张伟'),
    surveyor: await make(['surveyor'], '刘洋'),
    surveyor2: await make(['surveyor'], '王勘察'),
    designer: await make(['designer'], '陈静'),
    budgeter: await make(['budgeter'], '杨磊'),
    contract: await make(['contract_clerk'], '赵敏'),
    approver: await make(['contract_approver'], '黄强'),
    cashier: await make(['cashier'], '周丽'),
    leader: await make(['leader'], '吴刚'),
    builder: await make(['constructor'], '徐军'),
    acceptor: await make(['acceptor'], '孙涛'),
  };
}

export type WalkStaff = Awaited<ReturnType<typeof createWalkStaff>>;

/** A photo as a phone camera or a PC would upload it. */
export const photo = (name: string): FileInput => ({ name, mimeType: 'image/jpeg', buffer: jpeg() });

/** The walk's people: each logs in once (on the login page) and keeps their browser between turns. */
export class StaffSessions {
  private readonly sessions = new Map<keyof WalkStaff, Session>();

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
    private readonly staff: () => WalkStaff,
    private readonly device: Device = 'desktop',
  ) {}

  async of(who: keyof WalkStaff): Promise<Session> {
    let session = this.sessions.get(who);
    if (!session) {
      session = await logIn(this.browser, this.baseUrl, this.staff()[who], this.device);
      this.sessions.set(who, session);
    }
    return session;
  }

  /** Closes every browser; fails if any page threw a script error. */
  async closeAll(): Promise<void> {
    for (const session of this.sessions.values()) {
      await session.close();
    }
  }
}

/** Opens a fresh browser profile and logs in through the login page. */
export async function logIn(browser: Browser, baseUrl: string, user: TestUser, device: Device = 'desktop'): Promise<Session> {
  const context = await newContext(browser, device);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  await page.goto(`${baseUrl}/admin/login`);
  await page.locator('#login-username').fill(user.user.username);
  await page.locator('#login-password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin\/worklist/);
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  return {
    context,
    page,
    user,
    errors,
    close: async () => {
      await context.close();
      if (errors.length > 0) {
        throw new Error(`the page threw: ${errors.join('; ')}`);
      }
    },
  };
}

/** Opens the drawer menu on a phone (on a PC the menu is always there). */
async function openMenu(page: Page): Promise<void> {
  const menuButton = page.getByRole('button', { name: '打开菜单' });
  if (await menuButton.isVisible()) {
    await menuButton.click();
  }
}

/** Goes to 报装列表 through the menu (the drawer menu on a phone). */
export async function openList(page: Page): Promise<void> {
  await openMenu(page);
  await page.getByRole('menuitem', { name: '报装列表' }).click();
  await page.getByRole('heading', { name: '报装列表' }).waitFor();
}

/**
 * Goes to an entry of 系统管理 through the menu (the drawer menu on a phone) as a person does: the
 * group unfolds, then the entry is chosen. The wait for the unfolding matters for the last entries:
 * while the group animates open its list is clipped, a click aimed at an entry scrolled into the
 * clipped list finds another element under the pointer once the list is laid out in full, and no
 * page opens (a person does not pick an entry that has not appeared yet).
 */
export async function openAdminEntry(page: Page, entry: string): Promise<void> {
  await openMenu(page);
  const group = page.getByRole('menuitem', { name: '系统管理' });
  if ((await group.getAttribute('aria-expanded')) !== 'true') {
    await group.click();
  }
  const listId = await group.getAttribute('aria-controls');
  await page.waitForFunction((id) => {
    const list = id === null ? null : document.getElementById(id);
    return list !== null && !list.className.includes('ant-motion-collapse') && list.getBoundingClientRect().height > 0;
  }, listId);
  await page.getByRole('menuitem', { name: entry }).click();
}

/** Searches the list for an application number and opens its detail page. */
export async function openApplication(page: Page, number: string): Promise<void> {
  await openList(page);
  await page.getByLabel('搜索报装').fill(number);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: number, exact: true }).first().click();
  await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
}

/** The 办理 card of the detail page. */
export function actionPanel(page: Page): Locator {
  return page.locator('.action-panel');
}

/** The open action drawer. */
export function drawer(page: Page): Locator {
  return page.getByRole('dialog').filter({ has: page.locator('.action-form') });
}

/** Clicks an action button in 办理 and waits for its form. */
export async function startAction(page: Page, label: string): Promise<Locator> {
  await actionPanel(page).getByRole('button', { name: label, exact: true }).click();
  const form = drawer(page);
  await form.locator('.action-form').waitFor();
  return form;
}

/** Uploads files into one upload slot of the open form (the camera input for photos when asked). */
export async function upload(page: Page, category: string, files: FileInput[], via: 'file' | 'camera' = 'file'): Promise<void> {
  const slot = drawer(page).locator(`.upload-slot[data-category="${category}"]`);
  const before = await slot.locator('.upload-done').count();
  for (const file of files) {
    await page.locator(`[data-testid="${via}-${category}"]`).setInputFiles(file);
  }
  await expectCount(slot.locator('.upload-done'), before + files.length);
}

async function expectCount(locator: Locator, count: number, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await locator.count()) >= count) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} of ${locator.toString()}, saw ${await locator.count()}`);
}

/** Submits the open action form and waits for the success message; returns the new state label. */
export async function submitAction(page: Page, label: string): Promise<string> {
  const form = drawer(page);
  // The same staff member may take the same action twice in a row (the leader approves two stages);
  // the first toast can still be on screen, so only a toast that appears after this click counts.
  await page.locator('.ant-message-notice').evaluateAll((notices) => notices.forEach((n) => n.setAttribute('data-seen', '')));
  await form.getByTestId('action-submit').click();
  await page.locator('.ant-message-notice:not([data-seen])').getByText(`${label}：已办理`).waitFor({ timeout: 20_000 });
  await form.waitFor({ state: 'detached' });
  await page.locator('.detail-subtitle .ant-tag').first().waitFor();
  return stateLabel(page);
}

/** The state shown in the detail page's header. */
export async function stateLabel(page: Page): Promise<string> {
  return (await page.locator('.detail-subtitle .ant-tag').first().innerText()).trim();
}

/** Waits until the detail header shows a state (after reloads settle). */
export async function waitForState(page: Page, label: string): Promise<void> {
  await page.locator('.detail-subtitle .ant-tag', { hasText: label }).first().waitFor({ timeout: 20_000 });
}

/** Picks an option in an antd Select opened from its label. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Screenshot under artifacts/browser/ with the device in its name. */
export function shot(page: Page, name: string, device: Device = 'desktop'): Promise<string> {
  return screenshot(page, `admin-${device}-${name}`);
}

/** Whether the page scrolls sideways (a phone screen must not). */
export async function overflowsX(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
