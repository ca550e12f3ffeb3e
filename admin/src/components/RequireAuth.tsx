import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { access, type Access } from '../access';
import { useSession } from '../session';
import { BootLoading } from './BootLoading';

const ResultPage = lazy(() => import('./ResultPage'));

/** Pages behind the login: without one, go to the login page and come back afterwards. */
export function RequireLogin({ children }: { children?: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${back && back !== '/' ? `?redirect=${encodeURIComponent(back)}` : ''}`} replace />;
  }
  return <>{children ?? <Outlet />}</>;
}

/** Pages for some staff only (窗口受理, 系统管理). */
export function RequireAccess({ flag }: { flag: keyof Access }) {
  const { user } = useSession();
  if (!access(user)[flag]) {
    return (
      <Suspense fallback={<BootLoading />}>
        <ResultPage kind="403" />
      </Suspense>
    );
  }
  return <Outlet />;
}

/** Any unknown address inside the staff page. */
export function NotFound() {
  return (
    <Suspense fallback={<BootLoading />}>
      <ResultPage kind="404" />
    </Suspense>
  );
}
