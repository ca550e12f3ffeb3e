import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';

/**
 * Administrators' banner while the working-day calendar runs out (from 60 days before its last
 * year ends): the server's /health carries the warning, so the page and monitoring say the same.
 * Read again on each navigation, so it disappears once the next year is saved.
 */
export function CalendarBanner() {
  const { pathname } = useLocation();
  const [warnings, setWarnings] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    fetch('/health')
      .then((res) => res.json() as Promise<{ warnings?: string[] }>)
      .then((body) => current && setWarnings(body.warnings ?? []))
      .catch(() => current && setWarnings([]));
    return () => {
      current = false;
    };
  }, [pathname]);

  if (warnings.length === 0 || pathname === '/admin/calendar') {
    return null;
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={warnings.join('；')}
      action={<Link to="/admin/calendar">去录入</Link>}
    />
  );
}
