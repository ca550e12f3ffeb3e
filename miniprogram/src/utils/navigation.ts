import Taro from '@tarojs/taro';
import { getSession } from '../services/session';
import { loginSettled } from '../services/wechat/loginTicket';

export const LOGIN_PAGE = '/pages/account/login/index';
const TAB_PAGES = ['/pages/index/index', '/pages/applications/index', '/pages/mine/index'];

/** The current page as a URL (path and query), to come back to after logging in. */
export function currentUrl(): string {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page?.route) {
    return '/pages/index/index';
  }
  // H5 reports the route with the router's base path (/h5/pages/…); pages are opened without it.
  const route = `/${page.route.slice(Math.max(0, page.route.indexOf('pages/')))}`;
  const options = (page.options ?? {}) as Record<string, string | undefined>;
  const query = Object.entries(options)
    .filter(([key, value]) => value !== undefined && key !== '$taroTimestamp' && key !== 'stamp')
    .map(([key, value]) => `${key}=${encodeURIComponent(value ?? '')}`)
    .join('&');
  return query ? `${route}?${query}` : route;
}

function isTabPage(url: string): boolean {
  return TAB_PAGES.includes(url.split('?')[0] ?? '');
}

/** Opens any page of the app: tab pages by switching tabs, others by pushing them. */
export function openPage(url: string): Promise<unknown> {
  return isTabPage(url) ? Taro.switchTab({ url: url.split('?')[0] ?? url }) : Taro.navigateTo({ url });
}

/** Replaces the current page (login → where the user was going). */
export function replacePage(url: string): Promise<unknown> {
  return isTabPage(url) ? Taro.switchTab({ url: url.split('?')[0] ?? url }) : Taro.redirectTo({ url });
}

let loginOpen = false;

/** Sends the user to the login page once, remembering where they were. */
export function goToLogin(redirect = currentUrl()): void {
  if (loginOpen || redirect.startsWith(LOGIN_PAGE) || redirect.startsWith('/pages/account/')) {
    return;
  }
  loginOpen = true;
  // A WeChat web login may be finishing right now (H5 opened from the official account).
  void loginSettled().then(() => {
    if (getSession()) {
      loginOpen = false;
      return;
    }
    openLogin(redirect);
  });
}

function openLogin(redirect: string): void {
  const url = `${LOGIN_PAGE}?redirect=${encodeURIComponent(redirect)}`;
  // From a tab page the login page is pushed (back returns to the tab); any other page is replaced,
  // so that after logging in the user lands on it once, not twice in the page stack.
  const open = isTabPage(redirect) ? Taro.navigateTo({ url }) : Taro.redirectTo({ url });
  void open
    .catch(() => undefined)
    .then(() => {
      // The login page is open (or failed to open): allow the next 401 to send the user again later.
      setTimeout(() => {
        loginOpen = false;
      }, 1000);
    });
}
