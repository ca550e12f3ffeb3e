import type { AvailableAction } from '@wc/shared';
import { offlineCapable } from '@wc/shared/src/workflow/offline';
import { NETWORK_ERROR } from '@wc/shared/src/api/errors';
import { isApiError } from '../request';
import type { ApplicationDetail } from '../types';
import { enqueue } from './queue';
import type { QueuedFile } from './types';

export interface Recorded {
  app: Pick<ApplicationDetail, 'id' | 'number' | 'name' | 'version' | 'state' | 'stateLabel'>;
  action: Pick<AvailableAction, 'key' | 'label'>;
  /** The validated input; its `version` becomes the entry's expected version. */
  input: Record<string, unknown>;
  idempotencyKey: string;
  files: QueuedFile[];
}

/** Puts an action taken without a connection into the 待上传 queue. */
export async function recordOffline({ app, action, input, idempotencyKey, files }: Recorded): Promise<void> {
  const { version, ...body } = input;
  await enqueue({
    createdAt: new Date().toISOString(),
    applicationId: app.id,
    applicationNumber: app.number,
    applicationName: app.name,
    actionKey: action.key,
    actionLabel: action.label,
    body,
    files,
    idempotencyKey,
    expectedVersion: typeof version === 'number' ? version : app.version,
    seenState: app.state,
    seenStateLabel: app.stateLabel,
    status: 'waiting',
    refusal: null,
  });
}

/**
 * An action of the online form that got no answer (the connection dropped as it was sent): kept in
 * the queue under the same Idempotency-Key — if the server did take it, the replay gets that answer
 * back instead of doing it twice. Its files were uploaded already. False when it does not apply.
 */
export async function queueAfterNetworkFailure(
  error: unknown,
  recorded: Omit<Recorded, 'files'> & { action: AvailableAction },
): Promise<boolean> {
  if (!isApiError(error) || error.code !== NETWORK_ERROR || !offlineCapable(recorded.action)) {
    return false;
  }
  await recordOffline({ ...recorded, files: [] });
  return true;
}
