import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { fetchWorklist } from '../pages/Worklist/service';

const POLL_MS = 2 * 60 * 1000;

/** 待办 count for the menu badge: refreshed on every page change and every two minutes. */
export function useWorklistBadge(): { total: number; overdue: number } {
  const [counts, setCounts] = useState({ total: 0, overdue: 0 });
  const location = useLocation();
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      // Only the counts are wanted: one row is the smallest page the server gives.
      fetchWorklist({ filter: 'all', page: 1, pageSize: 1 }, controller.signal)
        .then(({ meta }) => setCounts({ total: meta.counts.all, overdue: meta.counts.overdue }))
        .catch(() => undefined);
    void load();
    const timer = window.setInterval(load, POLL_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [location.pathname]);
  return counts;
}
