import Router from '@koa/router';
import { billingColumnsSchema, type BillingColumnsInput } from '@wc/shared';
import { billingColumns, replaceBillingColumns } from '../../commands/billingExport';
import type { AppState, AuthedContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';
import { applicationPolicy } from '../../policies/application';

const router = new Router<AppState>({ prefix: '/settings/billing-export' });

/** GET /api/settings/billing-export — 立户导出设置: the columns, in order (staff who may export: they see the header row). */
router.get('/', authenticated('staff'), async (ctx: AuthedContext) => {
  if (!applicationPolicy.export(ctx.state.user)) {
    throw new ForbiddenError();
  }
  ctx.body = { data: await billingColumns() };
});

/** PUT /api/settings/billing-export — replace the columns: headers, inclusion and order (administrators; audited). */
router.put(
  '/',
  authenticated('staff'),
  validate({ body: billingColumnsSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: BillingColumnsInput }>) => {
    authorizeAdmin(ctx.state.user);
    await replaceBillingColumns(ctx.state.user, ctx.state.input.body.columns, ctx.state.transaction!, ctx.ip);
    ctx.body = { data: await billingColumns(ctx.state.transaction) };
  },
);

export default router;
