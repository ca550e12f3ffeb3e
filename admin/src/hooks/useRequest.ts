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
export function useRequest<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): RequestState<T> {
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({ key: '', data: undefined, error: undefined });
  const latest = useRef(fetcher);
  const fullKey = key === null ? null : `${key}#${tick}`;

  useEffect(() => {
    latest.current = fetcher;
  });

  useEffect(() => {
    if (fullKey === null) {
      return undefined;
    }
    const controller = new AbortController();
    latest
      .current(controller.signal)
      .then((data) => setSettled({ key: fullKey, data, error: undefined }))
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
