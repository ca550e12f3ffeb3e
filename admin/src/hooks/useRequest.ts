import { useCallback, useEffect, useRef, useState } from 'react';

export interface RequestState<T> {
  /** The latest data (kept while a newer request runs, so tables do not flash empty). */
  data: T | undefined;
  /** A request for the current key is running. */
  loading: boolean;
  error: unknown;
  /** Runs the request again for the same key. */
  reload: () => void;
  /** Replaces the data locally (after a mutation returned the new value). */
  mutate: (update: (previous: T | undefined) => T | undefined) => void;
}

/**
 * The last reply of each kept list (`keep`), for the browser's back button: the list shows the
 * rows it showed a moment ago at once, and the same request, sent as always, replaces them when it
 * answers. Only a reply for the same key (filters, page) and the same name is used; the name
 * carries the user, so nobody sees another login's rows.
 */
const kept = new Map<string, { key: string; data: unknown }>();

export interface RequestOptions {
  /** Name under which the last reply is kept and shown again while the next one is on its way. */
  keep?: string;
}

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
  const fullKey = key === null ? null : `${key}#${tick}`;
  const [settled, setSettled] = useState<Settled<T>>(() => {
    const hit = options.keep && key !== null ? kept.get(options.keep) : undefined;
    // The kept reply counts as this key's answer (no loading veil); the request still leaves below.
    return hit && hit.key === key
      ? { key: `${key}#0`, data: hit.data as T, error: undefined }
      : { key: '', data: undefined, error: undefined };
  });
  const latest = useRef(fetcher);
  const keepAs = useRef(options.keep);

  useEffect(() => {
    latest.current = fetcher;
    keepAs.current = options.keep;
  });

  useEffect(() => {
    if (fullKey === null) {
      return undefined;
    }
    const controller = new AbortController();
    latest
      .current(controller.signal)
      .then((data) => {
        if (keepAs.current) {
          kept.set(keepAs.current, { key: fullKey.slice(0, fullKey.lastIndexOf('#')), data });
        }
        setSettled({ key: fullKey, data, error: undefined });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setSettled((prev) => ({ key: fullKey, data: prev.data, error }));
        }
      });
    return () => controller.abort();
  }, [fullKey]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const mutate = useCallback(
    (update: (previous: T | undefined) => T | undefined) => setSettled((prev) => ({ ...prev, data: update(prev.data) })),
    [],
  );
  return {
    data: settled.data,
    loading: fullKey !== null && settled.key !== fullKey,
    error: settled.key === fullKey ? settled.error : undefined,
    reload,
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
