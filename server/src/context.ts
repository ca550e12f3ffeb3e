import type { RouterContext } from '@koa/router';
import type { Logger } from 'pino';
import type { Transaction } from 'sequelize';
import type { ApplicantKind, StaffRole } from '@wc/shared';

/** Who is calling, as established by the auth middleware. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  applicantKind: ApplicantKind | null;
  roles: StaffRole[];
}

/** Per-request data; lives in ctx.state only. */
export interface AppState {
  requestId: string;
  log: Logger;
  user?: AuthUser;
  transaction?: Transaction;
  input?: unknown;
}

/** Context of a handler behind `authenticated()`: the user is known. */
export type AuthedContext<I = Record<string, never>> = RouterContext<AppState & { input: I; user: AuthUser }>;
