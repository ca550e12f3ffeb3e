import type { ComponentType } from 'react';

interface PageModule {
  default: ComponentType;
}

/**
 * One page's code: loaded once, by whoever asks first — the route rendering it, the entry script
 * for the first screen, a pointer over a link — and known once loaded.
 *
 * A React.lazy component suspends the first time it renders even when its chunk has long arrived
 * (its import() is a promise), so the first screen was rendered twice (the frame with a spinner,
 * then the page, in time slices) and the first click on a detail waited for a retry. A route whose
 * code is already here renders it directly (routes.tsx).
 */
export interface PageCode {
  load(): Promise<PageModule>;
  /** The page's component once its code has loaded, or undefined. */
  loaded(): ComponentType | undefined;
}

export function pageCode(importPage: () => Promise<PageModule>): PageCode {
  let loading: Promise<PageModule> | undefined;
  let component: ComponentType | undefined;
  return {
    load: () =>
      (loading ??= importPage().then(
        (page) => {
          component = page.default;
          return page;
        },
        (error: unknown) => {
          // A failed download (a new deploy, a dropped connection) is tried again next time.
          loading = undefined;
          throw error;
        },
      )),
    loaded: () => component,
  };
}

/**
 * The pages a first screen can show (boot/prefetch.ts), known to the entry script; every other page
 * is declared with the routes, so that the entry carries no list of their chunks.
 */
export const firstScreenPages = {
  Worklist: pageCode(() => import('../pages/Worklist')),
  Applications: pageCode(() => import('../pages/Applications')),
  ApplicationDetail: pageCode(() => import('../pages/ApplicationDetail')),
};
