import { requestAhead, type PageData } from '../hooks/useRequest';
import { listData } from '../pages/Applications/service';
import { worklistData } from '../pages/Worklist/service';
import { detailData, detailIdOf } from '../services/applications';
import { firstScreenPages, type PageCode } from './pageCode';
import { storedSession } from '../session';

/** A first screen: the page's code and its first data. */
interface FirstScreen {
  code: PageCode;
  data: PageData<unknown>;
}

/**
 * What the address shows first, when it is one of the screens staff open the app on (list, worklist,
 * detail) and a login is stored: the login page needs no data, and print pages are not framed.
 */
function firstScreen(location: Location, base: string): FirstScreen | undefined {
  if (!storedSession() || !location.pathname.startsWith(base)) {
    return undefined;
  }
  const route = location.pathname.slice(base.length).replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(location.search);
  const detail = detailIdOf(route);
  if (route === '/applications') {
    return { code: firstScreenPages.Applications, data: listData(params) };
  }
  if (route === '/worklist' || route === '/') {
    return { code: firstScreenPages.Worklist, data: worklistData(route === '/' ? new URLSearchParams() : params) };
  }
  return detail ? { code: firstScreenPages.ApplicationDetail, data: detailData(detail) } : undefined;
}

/** The first screen's page code (settled: loaded or failed), asked for by startFirstScreen. */
let firstPage: Promise<unknown> = Promise.resolve();

/**
 * The first screen's data and page code, asked for as soon as the page's small entry script runs —
 * while the app's code (React, antd, the routes) is still downloading and starting — instead of
 * after the layout has rendered. The data is the page's own (PageData: name, key and call), built
 * from the same address by the same function the page uses, through the one request layer (same
 * token, same error handling); the page takes the reply and, when it has arrived, renders with it
 * at once. start.tsx renders once the page code is here too, so the frame and the page are one
 * render instead of the frame first.
 */
export function startFirstScreen(location: Location, base: string): void {
  const first = firstScreen(location, base);
  if (first) {
    requestAhead(first.data);
    // A failed load is the route's to report (it asks again).
    firstPage = first.code.load().catch(() => undefined);
  }
}

/** Settles when the first screen's page code has loaded or failed to. */
export function firstPageSettled(): Promise<unknown> {
  return firstPage;
}

/** Details asked for ahead of a click, so a second hover does not ask again. */
const detailsAhead = new Map<number, number>();
const AHEAD_MS = 8_000;

/**
 * A staff member about to open an application (the pointer on its 报装编号, or the keyboard's
 * focus): its page's code and its first data are asked for now, through the detail page's own
 * calls, so the detail shows without a further round trip after the click.
 */
export function prefetchDetail(id: number): void {
  const now = Date.now();
  if ((detailsAhead.get(id) ?? 0) > now - AHEAD_MS) {
    return;
  }
  detailsAhead.set(id, now);
  firstScreenPages.ApplicationDetail.load().catch(() => undefined);
  requestAhead(detailData(String(id)));
}

/**
 * The detail page's code, loaded once the browser is idle a little after a list has shown: not
 * while the first screen still competes for the network and the CPU.
 */
export function preloadDetailPage(): void {
  const load = () => void firstScreenPages.ApplicationDetail.load().catch(() => undefined);
  setTimeout(() => {
    if ('requestIdleCallback' in window) {
      window.requestIdleCallback(load, { timeout: 2000 });
    } else {
      load();
    }
  }, 1000);
}
