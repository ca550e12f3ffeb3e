/**
 * First screens of the applicant H5 pages on a phone: Debian's Chromium at 390×844 with the CPU
 * slowed down 4×, logged in, cold (empty cache):
 * - 我的报装 (/h5/pages/applications/index): from navigation start until the first application
 *   card is on screen, budget 600 ms median;
 * - 报装详情 (/h5/pages/progress/detail/index?id=…): until the step map is on screen and the
 *   timeline (below it, reached by scrolling) laid out in the page, budget 800 ms median;
 * - the floor, in the same rounds: a page at the same origin with no application code that sends
 *   the list's request with the same token and writes one card as HTML.
 * Prints each run, then one line `RESULT h5_list_ms=… h5_detail_ms=… h5_floor_ms=…`; exits 1 above budget.
 *
 *   npm run bench:h5            (builds the H5 pages first when their sources changed)
 *   RUNS=7 npm run bench:h5
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CPU_SLOWDOWN, RUNS, openBenchSite, post, reportMedian } from './browser';

const LIST_BUDGET_MS = 600;
const DETAIL_BUDGET_MS = 800;

interface TokenReply {
  data: { token: string; expiresAt: string; user: unknown };
}

interface StoredSession {
  token: string;
  expiresAt: number;
  issuedAt: number;
  user: unknown;
}

/**
 * In the page, before anything runs: the stored login, and the first animation frame at which
 * every selector of `ready` matches an element laid out inside the viewport.
 */
function watchScreen({ stored, ready }: { stored: StoredSession; ready: string[] }): void {
  window.localStorage.setItem('wc.session', JSON.stringify({ data: stored }));
  const w = window as unknown as { __wcReadyAt: number };
  w.__wcReadyAt = 0;
  // The first selector must be on screen; the others laid out in the page (the detail's timeline
  // is further down, reached by scrolling).
  const shown = (selector: string, index: number) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      return false;
    }
    const box = el.getBoundingClientRect();
    return (
      box.height > 0 &&
      (index > 0 || box.top < window.innerHeight) &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    );
  };
  // Checked at every animation frame (the moment the browser would paint), from the first one.
  const check = () => {
    if (ready.every(shown)) {
      w.__wcReadyAt = performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

/**
 * tsx keeps function names by wrapping them in a `__name` helper, which the page does not have:
 * watchScreen runs in the page and needs it defined there first.
 */
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  // A new context per run: empty cache, as on a first visit from the official account's menu.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  await context.addInitScript({ content: NAME_HELPER });
  return context;
}

async function timeScreen(context: BrowserContext, url: string, stored: StoredSession, ready: string[]): Promise<number> {
  await context.addInitScript(watchScreen, { stored, ready });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __wcReadyAt: number }).__wcReadyAt > 0, undefined, {
    timeout: 60_000,
    polling: 100,
  });
  const ms = await page.evaluate(() => (window as unknown as { __wcReadyAt: number }).__wcReadyAt);
  await context.close();
  return Math.round(ms);
}

/** The floor: the list's request with the same token from a page without application code. */
const FLOOR_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
<title>我的报装</title></head><body><div id="app"></div><script>
var s = JSON.parse(localStorage.getItem('wc.session')).data;
fetch('/api/applications?page=1&pageSize=20&active=true', { headers: { Authorization: 'Bearer ' + s.token } })
  .then(function (r) { return r.json(); })
  .then(function (body) {
    var a = body.data[0];
    document.getElementById('app').innerHTML = '<div class="application-card"><b>' + a.number + '</b> ' + a.stateLabel + '<div>' + a.name + '</div></div>';
  });
</script></body></html>`;

async function main(): Promise<void> {
  // The pages as `npm start` serves them, rebuilt first when their sources changed.
  const { base, browser, close } = await openBenchSite('h5', true);
  try {
    // The demo's resident 张三 with a realistic first page: his applications and ten more.
    const login = await post<TokenReply>(base, '/api/auth/login', { username: 'zhangsan', password: 'demo1234' });
    for (let i = 0; i < 10; i++) {
      await post(
        base,
        '/api/applications',
        {
          kind: 'resident',
          name: `张三${i + 1}`,
          contactName: '张三',
          contactPhone: '13712345678',
          address: '广州市天河区华夏路10号',
          waterAddress: `广州市天河区华夏路${i + 10}号${i + 1}01房`,
          waterType: 'permanent',
          buildingArea: 80 + i,
        },
        login.data.token,
      );
    }
    const stored: StoredSession = {
      token: login.data.token,
      expiresAt: new Date(login.data.expiresAt).getTime(),
      issuedAt: Date.now(),
      user: login.data.user,
    };
    // The detail of an application that has gone through a few steps (张三's oldest one).
    const mine = (await (
      await fetch(`${base}/api/applications?pageSize=50`, { headers: { authorization: `Bearer ${stored.token}` } })
    ).json()) as {
      data: { id: number }[];
    };
    const detailId = mine.data[mine.data.length - 1]?.id;

    const list: number[] = [];
    const detail: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      list.push(await timeScreen(await phoneContext(browser), `${base}/h5/pages/applications/index`, stored, ['.application-card']));
      detail.push(
        await timeScreen(await phoneContext(browser), `${base}/h5/pages/progress/detail/index?id=${detailId}`, stored, [
          '.step-map',
          '.timeline',
        ]),
      );
      const floorContext = await phoneContext(browser);
      await floorContext.route(`${base}/h5/__floor`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FLOOR_HTML }),
      );
      floor.push(await timeScreen(floorContext, `${base}/h5/__floor`, stored, ['.application-card']));
      console.log(
        `run ${run + 1}: first card ${list[run]} ms, detail with step map and timeline ${detail[run]} ms; floor ${floor[run]} ms`,
      );
    }
    const listMedian = reportMedian('first card', list, LIST_BUDGET_MS);
    const detailMedian = reportMedian('detail (step map + timeline)', detail, DETAIL_BUDGET_MS);
    const floorMedian = [...floor].sort((a, b) => a - b)[Math.floor(floor.length / 2)] ?? NaN;
    console.log(`floor (the same request, no application code): median ${floorMedian} ms, CPU ${CPU_SLOWDOWN}× slower`);
    console.log(`RESULT h5_list_ms=${listMedian} h5_detail_ms=${detailMedian} h5_floor_ms=${floorMedian}`);
    process.exitCode = listMedian <= LIST_BUDGET_MS && detailMedian <= DETAIL_BUDGET_MS ? 0 : 1;
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
