/**
 * First screen of the applicant H5 pages on a phone: Debian's Chromium at 390×844 with the CPU
 * slowed down 4×, logged in, opening 我的报装 (/h5/pages/applications/index) cold (empty cache).
 * Measures the time from navigation start until the first application card is on screen; the
 * budget is 2 s. Prints each run, then one line `RESULT h5_list_ms=<median>`; exits 1 above budget.
 *
 *   npm run bench:h5            (builds the H5 pages first when their sources changed)
 *   RUNS=7 npm run bench:h5
 */
import { CPU_SLOWDOWN, RUNS, openBenchSite, post, reportMedian } from './browser';

const BUDGET_MS = 2000;

interface TokenReply {
  data: { token: string; expiresAt: string; user: unknown };
}

/** A valid unified social credit code (GB 32100-2015 check character). */
function creditCode(seed: number): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91440101${String(100000000 + seed).slice(-9)}`;
  const sum = [...body].reduce((acc, ch, i) => acc + chars.indexOf(ch) * (weights[i] ?? 0), 0);
  return body + chars.charAt((31 - (sum % 31)) % 31);
}

async function main(): Promise<void> {
  // The pages as `npm start` serves them, rebuilt first when their sources changed.
  const { base, browser, close } = await openBenchSite('h5', false);
  try {
    // An applicant with a realistic first page: ten applications.
    const login = await post<TokenReply>(base, '/api/auth/register', {
      username: `bench${Date.now().toString(36)}`,
      password: 'bench12345',
      kind: 'enterprise',
      displayName: '性能测试有限公司',
      phone: '13912345678',
      agreedPrivacy: true,
    });
    for (let i = 0; i < 10; i++) {
      await post(
        base,
        '/api/applications',
        {
          kind: 'enterprise',
          name: `性能测试有限公司${i + 1}号地块`,
          creditCode: creditCode(i),
          contactName: '陈经理',
          contactPhone: '13912345678',
          address: '广州市天河区华夏路10号',
          waterAddress: `广州市天河区华夏路${i + 10}号工地`,
          waterType: 'construction',
          buildingArea: 1000 + i,
        },
        login.data.token,
      );
    }
    const session = {
      token: login.data.token,
      expiresAt: new Date(login.data.expiresAt).getTime(),
      issuedAt: Date.now(),
      user: login.data.user,
    };

    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A new context per run: empty cache, as on a first visit from the official account's menu.
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      await context.addInitScript((stored) => {
        window.localStorage.setItem('wc.session', JSON.stringify({ data: stored }));
        // Record when the first application card is attached, in ms since navigation start.
        const observer = new MutationObserver(() => {
          if (document.querySelector('.application-card')) {
            (window as unknown as { __wcListAt: number }).__wcListAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      }, session);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await page.goto(`${base}/h5/pages/applications/index`);
      await page.waitForSelector('.application-card', { timeout: 30_000 });
      const ms = await page.evaluate(() => (window as unknown as { __wcListAt: number }).__wcListAt);
      timings.push(Math.round(ms));
      console.log(`run ${run + 1}: list rendered after ${Math.round(ms)} ms`);
      await context.close();
    }
    const median = reportMedian('first card', timings, BUDGET_MS);
    console.log(`RESULT h5_list_ms=${median}`);
    process.exitCode = median <= BUDGET_MS ? 0 : 1;
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
