import type { Middleware } from 'koa';
import { isStaffRole, type ApplicantKind, type StaffRole } from '@wc/shared';
import type { AppState, AuthUser } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { selectRows } from '../db/selectRows';
import { verifyToken } from '../lib/tokens';
import { User } from '../models';
import type { UserKind } from '../models/User';
import { services } from '../services';

type Audience = 'any' | 'staff' | 'applicant';

/** The bearer token of a request; tokens are never accepted from the URL. */
function bearer(header: string): string | null {
  const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

interface TokenUserRow {
  id: number;
  username: string;
  display_name: string;
  kind: UserKind;
  applicant_kind: ApplicantKind | null;
  enabled: number | boolean;
  token_version: number;
  role: string | null;
}

/** A user and their roles in the order they were given, one row per role (one, with a null role, for none). */
const USER_WITH_ROLES =
  'SELECT u.id, u.username, u.display_name, u.kind, u.applicant_kind, u.enabled, u.token_version, r.role ' +
  'FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ? ORDER BY r.id';

/** Loads the user a valid token names; null when the token is missing, invalid or revoked. */
export async function userFromToken(token: string): Promise<AuthUser | 'expired' | null> {
  const check = verifyToken(services().config.jwtSecret, token);
  if (!check.ok) {
    return check.reason === 'expired' ? 'expired' : null;
  }
  // Every request makes this read: one hand-written query for the user and their roles.
  const rows = await selectRows<TokenUserRow>(User, USER_WITH_ROLES, [check.claims.userId]);
  const user = rows[0];
  if (!user || !user.enabled || user.token_version !== check.claims.tokenVersion || user.kind !== check.claims.kind) {
    return null;
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    kind: user.kind,
    applicantKind: user.applicant_kind,
    roles: rows.map((r) => r.role).filter((role): role is StaffRole => role !== null && isStaffRole(role)),
  };
}

/**
 * Requires a valid login token (`Authorization: Bearer …`) and, optionally, a kind of user.
 * Sets `ctx.state.user`.
 */
export function authenticated(audience: Audience = 'any'): Middleware<AppState> {
  return async function authenticatedMiddleware(ctx, next) {
    const token = bearer(ctx.get('Authorization'));
    if (!token) {
      throw new UnauthenticatedError();
    }
    const user = await userFromToken(token);
    if (user === 'expired') {
      throw new UnauthenticatedError('TOKEN_EXPIRED');
    }
    if (!user) {
      throw new UnauthenticatedError();
    }
    if (audience !== 'any' && user.kind !== audience) {
      throw new ForbiddenError(audience === 'staff' ? '仅限工作人员使用' : '仅限报装用户使用');
    }
    ctx.state.user = user;
    await next();
  };
}
