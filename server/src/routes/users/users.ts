import Router from '@koa/router';
import type { z } from 'zod';
import type { StaffSummaryView, UserView } from '@wc/shared';
import { createStaffUser, findStaff, unlockUser, updateStaffUser } from '../../commands/userAdmin';
import type { AppState, AuthedContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { adminPolicy, authorizeAdmin } from '../../policies/admin';
import { presentUser } from '../../presenters/user';
import { createStaffUserSchema, staffQuerySchema, updateStaffUserSchema, userIdParams } from './schema';

const router = new Router<AppState>({ prefix: '/users' });

/** GET /api/users — staff users (administrators see everything; other staff pick colleagues). */
router.get(
  '/',
  authenticated('staff'),
  validate({ query: staffQuerySchema }),
  async (ctx: AuthedContext<{ query: z.output<typeof staffQuerySchema> }>) => {
    const user = ctx.state.user;
    if (!adminPolicy.listStaff(user)) {
      throw new ForbiddenError();
    }
    const admin = adminPolicy.manage(user);
    const users = await findStaff({ ...ctx.state.input.query, includeDisabled: admin && ctx.state.input.query.includeDisabled });
    ctx.body = {
      data: users.map((u): UserView | StaffSummaryView => {
        const p = presentUser(u, user);
        return admin ? p : { id: p.id, displayName: p.displayName, roles: p.roles, roleLabels: p.roleLabels };
      }),
    };
  },
);

/** POST /api/users — create a staff user (administrators). */
router.post(
  '/',
  authenticated('staff'),
  validate({ body: createStaffUserSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof createStaffUserSchema> }>) => {
    authorizeAdmin(ctx.state.user);
    const user = await createStaffUser(ctx.state.user, ctx.state.input.body, ctx.state.transaction!);
    ctx.status = 201;
    ctx.body = { data: presentUser(user, ctx.state.user) };
  },
);

/** PATCH /api/users/:id — change name, phone, roles, password or enabled (administrators). */
router.patch(
  '/:id',
  authenticated('staff'),
  validate({ params: userIdParams, body: updateStaffUserSchema }),
  transaction(),
  async (ctx: AuthedContext<{ params: z.output<typeof userIdParams>; body: z.output<typeof updateStaffUserSchema> }>) => {
    authorizeAdmin(ctx.state.user);
    const user = await updateStaffUser(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, ctx.state.transaction!);
    ctx.body = { data: presentUser(user, ctx.state.user) };
  },
);

/** POST /api/users/:id/unlock — lift a login lockout (administrators). */
router.post(
  '/:id/unlock',
  authenticated('staff'),
  validate({ params: userIdParams }),
  transaction(),
  async (ctx: AuthedContext<{ params: z.output<typeof userIdParams> }>) => {
    authorizeAdmin(ctx.state.user);
    const user = await unlockUser(ctx.state.user, ctx.state.input.params.id, ctx.state.transaction!);
    ctx.body = { data: presentUser(user, ctx.state.user) };
  },
);

export default router;
