import { getSession } from '../session';
import { listApplications } from './index';

type ListResult = Awaited<ReturnType<typeof listApplications>>;

/** The first page of my current applications: what 我的报装 and 首页 show first. */
export const FIRST_PAGE = { page: 1, pageSize: 20, active: true } as const;

const FRESH_MS = 5_000;

let prefetched: { at: number; promise: Promise<ListResult>; value?: ListResult } | null = null;

/**
 * Starts loading the first page while the app is still starting (the page's code is fetched in
 * parallel), so that the list appears as soon as the page renders.
 */
export function prefetchFirstPage(): void {
  if (!getSession()) {
    return;
  }
  const entry: NonNullable<typeof prefetched> = { at: Date.now(), promise: listApplications(FIRST_PAGE) };
  entry.promise.then((value) => (entry.value = value)).catch(() => undefined);
  prefetched = entry;
}

/**
 * The prefetched first page if it has already arrived: the page can render the list in its very
 * first render, instead of rendering empty and waiting for its show event.
 */
export function takeArrivedFirstPage(): ListResult | null {
  if (prefetched?.value && Date.now() - prefetched.at < FRESH_MS) {
    const { value } = prefetched;
    prefetched = null;
    return value;
  }
  return null;
}

/** The prefetched first page when it is fresh (a few seconds), otherwise a new request. */
export function loadFirstPage(): Promise<ListResult> {
  if (prefetched && Date.now() - prefetched.at < FRESH_MS) {
    const { promise } = prefetched;
    prefetched = null;
    return promise;
  }
  return listApplications(FIRST_PAGE);
}
