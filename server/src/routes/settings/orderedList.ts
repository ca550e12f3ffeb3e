import Router from '@koa/router';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { idParam } from '@wc/shared';
import type { AppState, AuthUser, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';

/** What an ordered settings list (原因类别, 快速通道规则) does; each command audits its own change. */
export interface OrderedListCommands<Input, View> {
  view(t?: Transaction): Promise<View>;
  create(user: AuthUser, input: Input, t: Transaction, ip: string): Promise<unknown>;
  update(user: AuthUser, id: number, input: Input, t: Transaction, ip: string): Promise<unknown>;
  reorder(user: AuthUser, ids: number[], t: Transaction, ip: string): Promise<unknown>;
  remove(user: AuthUser, id: number, t: Transaction, ip: string): Promise<unknown>;
}

interface OrderedListOptions<Input, View> extends OrderedListCommands<Input, View> {
  prefix: string;
  /** What anyone but an administrator is told (403). */
  adminOnly: string;
  input: z.ZodType<Input>;
  order: z.ZodType<{ ids: number[] }>;
}

const idParams = z.object({ id: idParam });
type IdParams = z.output<typeof idParams>;

/**
 * The administrators' routes of an ordered settings list: GET the list; POST one (added last); PUT
 * `/order` (the whole list's new order); PUT `/:id`; DELETE `/:id`. Each write runs in one
 * transaction and answers with the list as it now is, so the page shows what was saved.
 */
export function orderedListRouter<Input, View>(options: OrderedListOptions<Input, View>): Router<AppState> {
  const router = new Router<AppState>({ prefix: options.prefix });
  const admin = (user: AuthUser) => authorizeAdmin(user, options.adminOnly);

  router.get('/', authenticated('staff'), async (ctx: AuthedContext) => {
    admin(ctx.state.user);
    ctx.body = { data: await options.view() };
  });

  router.post(
    '/',
    authenticated('staff'),
    validate({ body: options.input }),
    transaction(),
    async (ctx: AuthedContext<{ body: Input }>) => {
      admin(ctx.state.user);
      const t = ctx.state.transaction!;
      await options.create(ctx.state.user, ctx.state.input.body, t, ctx.ip);
      ctx.status = 201;
      ctx.body = { data: await options.view(t) };
    },
  );

  router.put(
    '/order',
    authenticated('staff'),
    validate({ body: options.order }),
    transaction(),
    async (ctx: AuthedContext<{ body: { ids: number[] } }>) => {
      admin(ctx.state.user);
      const t = ctx.state.transaction!;
      await options.reorder(ctx.state.user, ctx.state.input.body.ids, t, ctx.ip);
      ctx.body = { data: await options.view(t) };
    },
  );

  router.put(
    '/:id',
    authenticated('staff'),
    validate({ params: idParams, body: options.input }),
    transaction(),
    async (ctx: AuthedContext<{ params: IdParams; body: Input }>) => {
      admin(ctx.state.user);
      const t = ctx.state.transaction!;
      await options.update(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, t, ctx.ip);
      ctx.body = { data: await options.view(t) };
    },
  );

  router.delete(
    '/:id',
    authenticated('staff'),
    validate({ params: idParams }),
    transaction(),
    async (ctx: AuthedContext<{ params: IdParams }>) => {
      admin(ctx.state.user);
      const t = ctx.state.transaction!;
      await options.remove(ctx.state.user, ctx.state.input.params.id, t, ctx.ip);
      ctx.body = { data: await options.view(t) };
    },
  );

  return router;
}
