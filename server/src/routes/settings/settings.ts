import Router from '@koa/router';
import type { z } from 'zod';
import { calendarYear, replaceCalendarYear } from '../../commands/calendar';
import { contractStages, listStepSettings, updateContractStages, updateStepSetting } from '../../commands/settingsAdmin';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';
import { currentTime } from '../../services';
import { calendarBody, calendarParams, contractStagesBodySchema, stepParams, stepSettingSchema } from './schema';

const router = new Router<AppState>({ prefix: '/settings' });

/** GET /api/settings/steps — thresholds and default assignees of every step (all staff may read). */
router.get('/steps', authenticated('staff'), async (ctx: AuthedContext) => {
  ctx.body = { data: await listStepSettings() };
});

/** PUT /api/settings/steps/:flow/:state — change one step's threshold and default assignee (administrators). */
router.put(
  '/steps/:flow/:state',
  authenticated('staff'),
  validate({ params: stepParams, body: stepSettingSchema }),
  transaction(),
  async (ctx: AuthedContext<{ params: z.output<typeof stepParams>; body: z.output<typeof stepSettingSchema> }>) => {
    authorizeAdmin(ctx.state.user);
    const { flow, state } = ctx.state.input.params;
    await updateStepSetting(ctx.state.user, flow, state, ctx.state.input.body, ctx.state.transaction!);
    // Read in the request's transaction: the reply shows what was just saved.
    ctx.body = { data: (await listStepSettings(ctx.state.transaction)).find((s) => s.flow === flow && s.state === state) ?? null };
  },
);

/** GET /api/settings/contract-stages — the seven approval stages. */
router.get('/contract-stages', authenticated('staff'), async (ctx: AuthedContext) => {
  ctx.body = { data: await contractStages() };
});

/** PUT /api/settings/contract-stages — rename or rebind the stages (administrators). */
router.put(
  '/contract-stages',
  authenticated('staff'),
  validate({ body: contractStagesBodySchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof contractStagesBodySchema> }>) => {
    authorizeAdmin(ctx.state.user);
    await updateContractStages(ctx.state.user, ctx.state.input.body.stages, ctx.state.transaction!);
    ctx.body = { data: await contractStages(ctx.state.transaction) };
  },
);

/** GET /api/settings/calendar/:year — each day of the year: worked or not, and whose answer (administrators). */
router.get(
  '/calendar/:year',
  authenticated('staff'),
  validate({ params: calendarParams }),
  async (ctx: AuthedContext<{ params: z.output<typeof calendarParams> }>) => {
    authorizeAdmin(ctx.state.user);
    ctx.body = { data: await calendarYear(ctx.state.input.params.year, currentTime()) };
  },
);

/** PUT /api/settings/calendar/:year — replace the year's 放假 and 调休上班 days; due times follow (administrators). */
router.put(
  '/calendar/:year',
  authenticated('staff'),
  validate({ params: calendarParams, body: calendarBody }),
  transaction(),
  async (ctx: AuthedContext<{ params: z.output<typeof calendarParams>; body: z.output<ReturnType<typeof calendarBody>> }>) => {
    authorizeAdmin(ctx.state.user);
    const { year } = ctx.state.input.params;
    await replaceCalendarYear(ctx.state.user, year, ctx.state.input.body.entries, ctx.state.transaction!);
    ctx.body = { data: await calendarYear(year, currentTime(), ctx.state.transaction) };
  },
);

export default router;
