import { useEffect, useState } from 'react';
import type { Reply } from '../../request';
import { useErrorHandler } from '../../requestErrorConfig';

/** Loads one of the dashboard's panels for its window and flow, again whenever they change. */
export function useWindowed<T>(
  load: (query: { from: string; to: string; kind?: string }, signal: AbortSignal) => Promise<Reply<T, undefined>>,
  from: string,
  to: string,
  kind: string | undefined,
): T | null {
  const [data, setData] = useState<T | null>(null);
  const handleError = useErrorHandler();
  useEffect(() => {
    const controller = new AbortController();
    load({ from, to, kind }, controller.signal)
      .then(({ data: d }) => setData(d))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          handleError(error);
        }
      });
    return () => controller.abort();
  }, [load, from, to, kind, handleError]);
  return data;
}
