/**
 * Follow-up work started after answering a request (e.g. looking up a new follower at WeChat, which
 * must not delay the reply). Tracked so that shutting down waits for it instead of cutting it off
 * mid-write.
 */
const pending = new Set<Promise<unknown>>();

export function runInBackground(task: () => Promise<unknown>): void {
  const running: Promise<unknown> = task()
    .catch(() => undefined)
    .finally(() => pending.delete(running));
  pending.add(running);
}

/** Resolves when every background task started so far has finished. */
export async function settleBackground(): Promise<void> {
  while (pending.size > 0) {
    await Promise.all([...pending]);
  }
}
