import { useCallback, useEffect, useRef, useState } from 'react';

export interface RequestState<T> {
  /** The latest data (kept while a newer request runs, so tables do not flash empty). */
  data: T | undefined;
  /** A request for the current key is running. */
  loading: boolean;
  error: unknown;
  /** Runs the request again for the same key. */
  reload: () => void;
  /** Runs the request again for the same key without the loading veil: the data shown stays until the reply replaces it. */
  refresh: () => void;
  /** Replaces the data locally (after a mutation returned the new value). */
  mutate: (update: (previous: T | undefined) => T | undefined) => void;
}

/**
 * The last reply of each kept list (`keep`), for the browser's back button: the list shows the
 * rows it showed a moment ago at once, and the same request, sent as always, replaces them when it
 * answers. Only a reply for the same name and key (filters, page) is used, and every one is dropped
 * when the login changes (`forgetReplies`), so nobody sees another login's rows.
 */
const kept = new Map<string, { key: string; data: unknown }>();

/**
 * A page's first data, as one value the page and boot/prefetch.ts both build from the address: the
 * name it is asked ahead and kept under, its key, and the page's own call.
 */
export interface PageData<T> {
  name: string;
  key: string;
  load: (signal?: AbortSignal) => Promise<T>;
}

/**
 * Data asked for before its page rendered (boot/prefetch.ts: the first screen while the app's code
 * loads, a detail when the pointer reaches its link), by the page's own call for the page's own
 * key, under the page's name. Taken once; dropped unclaimed after a few
 * seconds so that nothing stale is ever shown. A reply that has arrived by the page's first render
 * is rendered at once — the page does not first draw itself empty and then again with the data —
 * and one still on its way is waited for instead of asking again.
 */
interface Ahead {
  promise: Promise<unknown>;
  arrived?: { data: unknown };
}
const ahead = new Map<string, Ahead>();
const AHEAD_TTL_MS = 10_000;

export function requestAhead<T>({ name, key, load }: PageData<T>): void {
  const id = `${name}\n${key}`;
  const entry: Ahead = { promise: load() };
  // A failure is the page's to report, when it takes the reply.
  entry.promise.then(
    (data) => {
      entry.arrived = { data };
    },
    () => undefined,
  );
  ahead.set(id, entry);
  setTimeout(() => {
    if (ahead.get(id) === entry) {
      ahead.delete(id);
    }
  }, AHEAD_TTL_MS);
}

/** Drops every reply asked for ahead or kept: they were asked for with a login that has just ended. */
export function forgetReplies(): void {
  ahead.clear();
  kept.clear();
}

/**
 * The entry asked for ahead for this name and key, if any. It is only looked at while rendering (a
 * render can be thrown away and done again) and taken out once the page is on screen (`forget`).
 */
function lookAhead(name: string | undefined, key: string | null): { entry: Ahead; forget: () => void } | undefined {
  const id = `${name}\n${key}`;
  const entry = name && key !== null ? ahead.get(id) : undefined;
  const forget = () => {
    if (ahead.get(id) === entry) {
      ahead.delete(id);
    }
  };
  return entry && { entry, forget };
}

/** A page's data name (PageData): a reply asked for ahead under it is taken for the same key. */
export type RequestOptions =
  | { name?: string; keep?: false }
  /** Also keep the last reply under the name, shown again at once while the next one is on its way. */
  | { name: string; keep: true };

interface Settled<T> {
  key: string;
  data: T | undefined;
  error: unknown;
}

/**
 * Loads data for a key (a filter, an id) and again whenever the key changes; a superseded request is
 * aborted. State changes only when a request settles, so a page never renders half-loaded data of
 * an old key as if it were the new one.
 */
export function useRequest<T>(
  key: string | null,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: RequestOptions = {},
): RequestState<T> {
  const [tick, setTick] = useState(0);
  const [refreshed, setRefreshed] = useState(0);
  const fullKey = key === null ? null : `${key}#${tick}`;
  // A reply asked for ahead that has already arrived: the first render shows it.
  const [arrived] = useState(() => lookAhead(options.name, key)?.entry.arrived);
  const [settled, setSettled] = useState<Settled<T>>(() => {
    if (arrived) {
      return { key: `${key}#0`, data: arrived.data as T, error: undefined };
    }
    const hit = options.keep && key !== null ? kept.get(options.name) : undefined;
    // The kept reply counts as this key's answer (no loading veil); the request still leaves below.
    return hit && hit.key === key
      ? { key: `${key}#0`, data: hit.data as T, error: undefined }
      : { key: '', data: undefined, error: undefined };
  });
  const latest = useRef(fetcher);
  const name = useRef(options.name);
  const keep = useRef(options.keep);
  const shownAhead = useRef(arrived ? `${key}#0` : null);

  useEffect(() => {
    latest.current = fetcher;
    name.current = options.name;
    keep.current = options.keep;
  });

  useEffect(() => {
    if (fullKey === null) {
      return undefined;
    }
    const plainKey = fullKey.slice(0, fullKey.lastIndexOf('#'));
    const keepReply = (data: T) => {
      if (keep.current && name.current) {
        kept.set(name.current, { key: plainKey, data });
      }
    };
    // Asked for ahead (a reload asks anew): the page takes that reply instead of asking again.
    const early = fullKey.endsWith('#0') ? lookAhead(name.current, plainKey) : undefined;
    early?.forget();
    // Only the first render can have shown it (the same key may come back later with another reply).
    const shown = shownAhead.current;
    shownAhead.current = null;
    if (early?.entry.arrived && shown === fullKey) {
      keepReply(early.entry.arrived.data as T);
      return undefined;
    }
    const controller = new AbortController();
    ((early?.entry.promise as Promise<T> | undefined) ?? latest.current(controller.signal))
      .then((data) => {
        if (controller.signal.aborted) {
          return;
        }
        keepReply(data);
        setSettled({ key: fullKey, data, error: undefined });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setSettled((prev) => ({ key: fullKey, data: prev.data, error }));
        }
      });
    return () => controller.abort();
  }, [fullKey, refreshed]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const refresh = useCallback(() => setRefreshed((r) => r + 1), []);
  const mutate = useCallback(
    (update: (previous: T | undefined) => T | undefined) => setSettled((prev) => ({ ...prev, data: update(prev.data) })),
    [],
  );
  return {
    data: settled.data,
    loading: fullKey !== null && settled.key !== fullKey,
    error: settled.key === fullKey ? settled.error : undefined,
    reload,
    refresh,
    mutate,
  };
}

/** Shows a request's error once per failure (toasts belong in effects, not in render). */
export function useReportError(error: unknown, report: (error: unknown) => void): void {
  useEffect(() => {
    if (error !== undefined) {
      report(error);
    }
  }, [error, report]);
}
