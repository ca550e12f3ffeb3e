import type { AuthUser } from '../context';
import { NotFoundError } from '../errors';
import { services } from '../services';

/**
 * A refused read of something that exists: answered like a missing record (no existence leak),
 * but logged, so that someone probing other customers' numbers shows up in the logs.
 */
export function deniedAsNotFound(
  user: AuthUser,
  targetType: 'application' | 'attachment',
  targetId: number,
  message: string,
): NotFoundError {
  services().logger.warn({ event: 'access.denied', userId: user.id, userKind: user.kind, targetType, targetId }, 'access denied');
  return new NotFoundError(message);
}
