import { requestAhead } from '../hooks/useRequest';
import { listData } from '../pages/Applications/service';
import { worklistData } from '../pages/Worklist/service';
import { detailData } from '../services/applications';
import { storedSession } from '../session';

/**
 * The first screen's data, asked for as soon as the page's small entry script runs — while the
 * app's code (React, antd, the routes) is still downloading and starting — instead of after the
 * page has rendered. Each is the page's own data (PageData: name, key and call), built from the
 * same address by the same function the page uses, through the one request layer (same token, same
 * error handling); the page takes the reply and, when it has arrived, renders with it at once. Nothing
 * is asked for without a stored login: the login page needs no data.
 */
export function prefetchFirstScreen(location: Location, base: string): void {
  if (!storedSession() || !location.pathname.startsWith(base)) {
    return;
  }
  const route = location.pathname.slice(base.length).replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(location.search);
  if (route === '/print' || route.startsWith('/print/')) {
    return;
  }
  const detail = /^\/applications\/(\d+)$/.exec(route)?.[1];
  if (route === '/applications') {
    requestAhead(listData(params));
  } else if (route === '/worklist' || route === '/') {
    requestAhead(worklistData(route === '/' ? new URLSearchParams() : params));
  } else if (detail) {
    requestAhead(detailData(detail));
  }
}

/** Starts loading the code of the first screen's page alongside the app's own code. */
export function preloadFirstPage(location: Location, base: string): void {
  if (!storedSession()) {
    return;
  }
  const route = location.pathname.slice(base.length).replace(/\/+$/, '') || '/';
  // A failed load is the route's to report (its lazy import asks again).
  const ignore = () => undefined;
  if (route === '/applications') {
    import('../pages/Applications').catch(ignore);
  } else if (route === '/worklist' || route === '/') {
    import('../pages/Worklist').catch(ignore);
  } else if (/^\/applications\/\d+$/.test(route)) {
    import('../pages/ApplicationDetail').catch(ignore);
  }
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
  import('../pages/ApplicationDetail').catch(() => undefined);
  requestAhead(detailData(String(id)));
}

/**
 * The detail page's code, loaded once the browser is idle a little after a list has shown: not
 * while the first screen still competes for the network and the CPU.
 */
export function preloadDetailPage(): void {
  const load = () => void import('../pages/ApplicationDetail').catch(() => undefined);
  setTimeout(() => {
    if ('requestIdleCallback' in window) {
      window.requestIdleCallback(load, { timeout: 2000 });
    } else {
      load();
    }
  }, 1000);
}
