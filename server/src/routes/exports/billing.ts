import Router from '@koa/router';
import { billingExportQuerySchema, type BillingExportFormat, type BillingExportQuery } from '@wc/shared';
import { exportBilling } from '../../commands/billingExport';
import type { AppState, AuthedContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { applicationPolicy } from '../../policies/application';

const router = new Router<AppState>({ prefix: '/exports' });

const TYPES: Record<BillingExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** GET /api/exports/billing.csv|.xlsx — 立户导出: completed applications in a date range for the billing system (as 导出数据; audited). */
for (const format of ['csv', 'xlsx'] as const) {
  router.get(
    `/billing.${format}`,
    authenticated('staff'),
    validate({ query: billingExportQuerySchema }),
    async (ctx: AuthedContext<{ query: BillingExportQuery }>) => {
      const user = ctx.state.user;
      if (!applicationPolicy.export(user)) {
        throw new ForbiddenError();
      }
      const file = await exportBilling(user, ctx.state.input.query, format, ctx.ip);
      ctx.type = TYPES[format];
      ctx.set('Content-Disposition', `attachment; filename="billing.${format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Export-Rows', String(file.rows));
      ctx.set('X-Export-Total', String(file.total));
      ctx.body = file.body;
    },
  );
}

export default router;
