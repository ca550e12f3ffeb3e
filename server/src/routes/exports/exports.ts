import Router from '@koa/router';
import type { ApplicationListQuery } from '@wc/shared';
import { exportApplications } from '../../commands/exports';
import type { AppState, AuthedContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { applicationPolicy } from '../../policies/application';
import { exportQuerySchema } from './schema';

const router = new Router<AppState>({ prefix: '/exports' });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/exports/applications.xlsx — 导出数据: the filtered application list as Excel (staff; audited). */
router.get(
  '/applications.xlsx',
  authenticated('staff'),
  validate({ query: exportQuerySchema }),
  async (ctx: AuthedContext<{ query: ApplicationListQuery }>) => {
    const user = ctx.state.user;
    if (!applicationPolicy.export(user)) {
      throw new ForbiddenError();
    }
    const file = await exportApplications(user, ctx.state.input.query, ctx.ip, ctx.state.log);
    ctx.type = XLSX;
    ctx.set('Content-Disposition', `attachment; filename="applications.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Export-Rows', String(file.rows));
    ctx.set('X-Export-Total', String(file.total));
    ctx.body = file.stream;
  },
);

export default router;
