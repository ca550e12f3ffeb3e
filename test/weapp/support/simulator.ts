/**
 * Runs pages of the WeChat build (miniprogram/dist) the way WeChat would, in jest: WeChat's own
 * template compiler (miniprogram-simulate's wcc) turns the built WXML into render functions, the
 * built JavaScript runs unchanged, and a small `wx` stands in for the client. `wx.request` goes to
 * a real server over HTTP; storage lives in a Map; toasts and navigation are recorded.
 */
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type * as Simulate from 'miniprogram-simulate';

export const DIST = path.resolve(__dirname, '..', '..', '..', 'miniprogram', 'dist');

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };
type Options = Callbacks & Record<string, unknown>;
type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };
type WxCall = { api: string; options: Options };

/** A page as miniprogram-simulate renders it (a root component). */
export type PageComponent = Simulate.RootComponent<
  WechatMiniprogram.Component.DataOption,
  WechatMiniprogram.Component.PropertyOption,
  WechatMiniprogram.Component.MethodOption
>;

export interface WeChat {
  storage: Map<string, unknown>;
  /** Every wx API the pages called that is not a request (toasts, navigation, …). */
  calls: WxCall[];
  requests: { method: string; url: string; data: unknown; status: number }[];
  simulate: typeof Simulate;
  /** Loads a page of the build (`pages/apply/index`) with its query and attaches it. */
  openPage(route: string, query?: Record<string, string>): PageComponent;
}

const LIFECYCLE = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload'];

const RECORDED_APIS = [
  'showToast',
  'hideToast',
  'showModal',
  'showLoading',
  'hideLoading',
  'navigateTo',
  'redirectTo',
  'switchTab',
  'navigateBack',
  'reLaunch',
  'pageScrollTo',
  'setNavigationBarTitle',
  'startPullDownRefresh',
  'stopPullDownRefresh',
  'login',
  'requestSubscribeMessage',
  'requirePrivacyAuthorize',
  'downloadFile',
  'openDocument',
  'previewImage',
];

function settle(options: Options, result: unknown): void {
  options.success?.(result);
  options.complete?.(result);
}

/**
 * Sets up the globals WeChat provides, registers the built app (app.js) and returns a way to open
 * its pages. `apiBase` is the server that `wx.request` reaches, whatever API origin the build has;
 * `initialStorage` is what the device had stored before the app started (a login session).
 */
export async function startWeChat(apiBase: string, initialStorage: Record<string, unknown> = {}): Promise<WeChat> {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
    url: 'https://servicewechat.com/',
  });
  const g = globalThis as unknown as Record<string, unknown>;
  for (const key of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'getComputedStyle']) {
    g[key] = key === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[key];
  }

  const storage = new Map<string, unknown>(Object.entries(initialStorage));
  const calls: WxCall[] = [];
  const requests: WeChat['requests'] = [];
  const api: Record<string, (options: Options) => unknown> = {
    getStorageSync: (key) => storage.get(key as unknown as string) ?? '',
    setStorageSync: (key, value?: unknown) => void storage.set(key as unknown as string, value),
    removeStorageSync: (key) => void storage.delete(key as unknown as string),
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, SDKVersion: '3.6.0' }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    request(options) {
      const method = String(options.method ?? 'GET');
      const url = String(options.url).replace(/^https?:\/\/[^/]+/, apiBase);
      const headers = options.header as Record<string, string> | undefined;
      fetch(url, { method, headers, body: options.data === undefined || method === 'GET' ? undefined : JSON.stringify(options.data) })
        .then(async (res) => {
          const text = await res.text();
          requests.push({ method, url: url.slice(apiBase.length), data: options.data, status: res.status });
          settle(options, { statusCode: res.status, data: text ? (JSON.parse(text) as unknown) : null, header: {} });
        })
        .catch((error: unknown) => {
          options.fail?.({ errMsg: `request:fail ${String(error)}` });
          options.complete?.({});
        });
      return { abort: () => undefined };
    },
  };
  // Taro wraps the wx APIs it finds when it starts, so each one the pages may call must exist up
  // front. These succeed and are recorded.
  for (const name of RECORDED_APIS) {
    api[name] = (options: Options = {}) => {
      calls.push({ api: name, options });
      settle(options, { errMsg: `${name}:ok`, confirm: true, code: 'wx-login-code', tempFilePath: '/tmp/file', statusCode: 200 });
    };
  }
  g.wx = api;

  let app: Record<string, unknown> | null = null;
  const pages: Record<string, unknown>[] = [];
  g.App = (options: Record<string, unknown>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;

  const simulate = await import('miniprogram-simulate');
  let current: { route: string; query: Record<string, string> } = { route: '', query: {} };
  // miniprogram-simulate knows custom components only: a page becomes a component whose
  // attachment runs the page's lifecycle, with the page's own methods on the instance as WeChat does.
  g.Page = (options: PageOptions) => {
    const { route, query } = current;
    const methods = Object.fromEntries(Object.entries(options).filter(([k, v]) => typeof v === 'function' && !LIFECYCLE.includes(k)));
    (g.Component as (definition: unknown) => void)({
      data: options.data,
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          for (const [k, v] of Object.entries(options)) {
            if (typeof v === 'function') {
              this[k] = v;
            }
          }
          Object.assign(this, { route, options: query });
          pages.push(this);
          (this.onLoad as (q: Record<string, string>) => void)(query);
          (this.onShow as () => void)();
        },
        ready(this: Record<string, unknown>) {
          (this.onReady as () => void)();
        },
        detached(this: Record<string, unknown>) {
          (this.onUnload as () => void)();
        },
      },
    });
  };

  await import(path.join(DIST, 'app.js'));
  const launch = (app as unknown as { onLaunch: (o: unknown) => void; onShow: (o: unknown) => void } | null) ?? null;
  launch?.onLaunch({ path: 'pages/index/index', query: {}, scene: 1001 });
  launch?.onShow({ path: 'pages/index/index', query: {}, scene: 1001 });

  return {
    storage,
    calls,
    requests,
    simulate,
    openPage(route, query = {}) {
      current = { route, query };
      const id = simulate.load(path.join(DIST, route), { rootPath: DIST, compiler: 'official' });
      const page = simulate.render(id);
      page.attach(document.createElement('div'));
      return page;
    },
  };
}

/** Waits until `check` holds (the page renders asynchronously), or fails with `what`. */
export async function until(what: string, check: () => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
