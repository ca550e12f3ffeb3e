import Router from '@koa/router';
import {
  reportQuerySchema,
  reportRowsQuerySchema,
  reportTargetsSchema,
  type ReportQuery,
  type ReportRowView,
  type ReportRowsQueryInput,
  type ReportTargetView,
  type ReportTargetsInput,
  type ReportView,
} from '@wc/shared';
import { rowsWorkbook, reportWorkbook } from '../../commands/report/excel';
import { loadReport, loadReportRows } from '../../commands/report/report';
import { loadTargets, replaceTargets, targetViews } from '../../commands/report/targets';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';
import { authorizeReport } from '../../policies/report';

const router = new Router<AppState>({ prefix: '/report' });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile<I>(ctx: AuthedContext<I>, file: { buffer: Buffer; filename: string }, ascii: string): void {
  ctx.type = XLSX;
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = file.buffer;
}

/** GET /api/report — 获得用水: per group, each figure against its target (staff who see statistics). */
router.get('/', authenticated('staff'), validate({ query: reportQuerySchema }), async (ctx: AuthedContext<{ query: ReportQuery }>) => {
  authorizeReport(ctx.state.user);
  const { view } = await loadReport(ctx.state.input.query);
  const data: ReportView = view;
  ctx.body = { data };
});

/** GET /api/report/rows — the applications behind a group (or the whole report), with their figures. */
router.get(
  '/rows',
  authenticated('staff'),
  validate({ query: reportRowsQuerySchema }),
  async (ctx: AuthedContext<{ query: ReportRowsQueryInput }>) => {
    authorizeReport(ctx.state.user);
    const data: ReportRowView[] = await loadReportRows(ctx.state.input.query);
    ctx.body = { data };
  },
);

/** GET /api/report/report.xlsx — the report as Excel (audited). */
router.get(
  '/report.xlsx',
  authenticated('staff'),
  validate({ query: reportQuerySchema }),
  async (ctx: AuthedContext<{ query: ReportQuery }>) => {
    authorizeReport(ctx.state.user);
    sendFile(ctx, await reportWorkbook(ctx.state.user, ctx.state.input.query, ctx.ip), 'report.xlsx');
  },
);

/** GET /api/report/rows.xlsx — the applications behind it as Excel (audited). */
router.get(
  '/rows.xlsx',
  authenticated('staff'),
  validate({ query: reportRowsQuerySchema }),
  async (ctx: AuthedContext<{ query: ReportRowsQueryInput }>) => {
    authorizeReport(ctx.state.user);
    sendFile(ctx, await rowsWorkbook(ctx.state.user, ctx.state.input.query, ctx.ip), 'report-rows.xlsx');
  },
);

/** GET /api/report/targets — 获得用水目标, every kind and route. */
router.get('/targets', authenticated('staff'), async (ctx: AuthedContext) => {
  authorizeReport(ctx.state.user);
  const data: ReportTargetView[] = targetViews(await loadTargets());
  ctx.body = { data };
});

/** PUT /api/report/targets — change the targets (administrators; audited). */
router.put(
  '/targets',
  authenticated('staff'),
  validate({ body: reportTargetsSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: ReportTargetsInput }>) => {
    authorizeAdmin(ctx.state.user);
    await replaceTargets(ctx.state.user, ctx.state.input.body, ctx.state.transaction!);
    const data: ReportTargetView[] = targetViews(await loadTargets(ctx.state.transaction));
    ctx.body = { data };
  },
);

export default router;
