import type { Middleware } from 'koa';
import { isStaffRole } from '@wc/shared';
import type { AppState, AuthUser } from '../context';
import { AppError, ForbiddenError, UnauthenticatedError } from '../errors';
import { verifyToken } from '../lib/tokens';
import { User, UserRole } from '../models';
import { services } from '../services';

type Audience = 'any' | 'staff' | 'applicant';

/** The bearer token of a request; tokens are never accepted from the URL. */
function bearer(header: string): string | null {
  const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** Loads the user a valid token names; null when the token is missing, invalid or revoked. */
export async function userFromToken(token: string): Promise<AuthUser | 'expired' | null> {
  const check = verifyToken(services().config.jwtSecret, token);
  if (!check.ok) {
    return check.reason === 'expired' ? 'expired' : null;
  }
  // Only what a request needs to know about its user: every request reads it, and the password
  // hash has no business travelling with it.
  const user = await User.findByPk(check.claims.userId, {
    attributes: ['id', 'username', 'displayName', 'kind', 'applicantKind', 'enabled', 'tokenVersion'],
    include: [{ model: UserRole, as: 'roles', attributes: ['id', 'role'] }],
  });
  if (!user || !user.enabled || user.tokenVersion !== check.claims.tokenVersion || user.kind !== check.claims.kind) {
    return null;
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    applicantKind: user.applicantKind,
    roles: user.roleKeys.filter(isStaffRole),
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

/** Requires one of the given staff roles (administrators are not implied: roles are explicit). */
export function requireRole(...roles: AuthUser['roles']): Middleware<AppState> {
  return async function requireRoleMiddleware(ctx, next) {
    const user = ctx.state.user;
    if (!user) {
      throw new UnauthenticatedError();
    }
    if (user.kind !== 'staff' || !roles.some((r) => user.roles.includes(r))) {
      throw new AppError('FORBIDDEN');
    }
    await next();
  };
}
