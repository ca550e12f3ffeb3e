import { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useNavigate, type NavigateFunction, type NavigateOptions, type To } from 'react-router';

const StableNavigateContext = createContext<NavigateFunction | null>(null);

/**
 * One navigate for the whole app, made once under the router. react-router's `navigate` is a new
 * function after every navigation (it resolves relative paths against the current one), and
 * `useNavigate` draws its caller again on every navigation. The app's menus, lists and links go to
 * absolute paths only: handing them a function that stays the same, from a context that never
 * changes, lets React skip the side menu, the header and a list kept under a detail instead of
 * rendering them again on list → detail → back (the frame alone was 15–25 ms each way on a slow phone).
 */
export function StableNavigateProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const latest = useRef(navigate);
  useLayoutEffect(() => {
    latest.current = navigate;
  });
  const stable = useMemo(
    () =>
      ((to: To | number, options?: NavigateOptions) =>
        typeof to === 'number' ? latest.current(to) : latest.current(to, options)) as NavigateFunction,
    [],
  );
  return <StableNavigateContext.Provider value={stable}>{children}</StableNavigateContext.Provider>;
}

/** The app's navigate (StableNavigateProvider): the same function always, for absolute paths. */
export function useStableNavigate(): NavigateFunction {
  const navigate = useContext(StableNavigateContext);
  if (!navigate) {
    throw new Error('useStableNavigate needs StableNavigateProvider above it');
  }
  return navigate;
}
