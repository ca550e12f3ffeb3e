import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { request } from '../request';

/** How often an open, visible page asks for the two numbers: new work shows within seconds. */
const POLL_MS = 5_000;

/** GET /api/worklist/count — 待办 and, of them, 已超时: two counts, not the list. */
function fetchWorklistCount(signal: AbortSignal) {
  return request<{ all: number; overdue: number; at: string }>('/worklist/count', { signal });
}

/**
 * 待办 count for the menu badge: asked every few seconds while the page is visible (a hidden tab
 * asks nothing), at once when it becomes visible again, and on every page change.
 */
export function useWorklistBadge(): { total: number; overdue: number } {
  const [counts, setCounts] = useState({ total: 0, overdue: 0 });
  const location = useLocation();
  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const load = () => {
      window.clearTimeout(timer);
      if (document.visibilityState === 'hidden') {
        return;
      }
      fetchWorklistCount(controller.signal)
        .then(({ data }) =>
          setCounts((prev) =>
            prev.total === data.all && prev.overdue === data.overdue ? prev : { total: data.all, overdue: data.overdue },
          ),
        )
        .catch(() => undefined)
        .finally(() => {
          if (!controller.signal.aborted) {
            timer = window.setTimeout(load, POLL_MS);
          }
        });
    };
    load();
    document.addEventListener('visibilitychange', load);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', load);
    };
  }, [location.pathname]);
  return counts;
}
