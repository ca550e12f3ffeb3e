import Router from '@koa/router';
import { z } from 'zod';
import { APPLICANT_KINDS, STATE_KEYS } from '@wc/shared';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';
import { services } from '../../services';
import { setStepRobot, wecomOverview } from '../../wecom/stepRobots';

const router = new Router<AppState>({ prefix: '/wecom' });

const stepParams = z.object({
  flow: z.enum(APPLICANT_KINDS, { error: '流程不正确' }),
  state: z.enum(STATE_KEYS, { error: '步骤不正确' }),
});
const robotBody = z
  .object({ robot: z.string({ error: '请选择群机器人' }).trim().min(1, { error: '请选择群机器人' }).max(32).nullable() })
  .strict();

/** GET /api/wecom — what of 企业微信 is switched on, the robots to choose from and each step's choice (staff may read; no keys). */
router.get('/', authenticated('staff'), async (ctx: AuthedContext) => {
  ctx.body = { data: await wecomOverview(services().config) };
});

/** PUT /api/wecom/steps/:flow/:state — the group robot that also gets this step's staff alerts; `null` for none (administrators). */
router.put(
  '/steps/:flow/:state',
  authenticated('staff'),
  validate({ params: stepParams, body: robotBody }),
  transaction(),
  async (ctx: AuthedContext<{ params: z.output<typeof stepParams>; body: z.output<typeof robotBody> }>) => {
    authorizeAdmin(ctx.state.user);
    const { flow, state } = ctx.state.input.params;
    const { config } = services();
    await setStepRobot(ctx.state.user, config, flow, state, ctx.state.input.body.robot, ctx.state.transaction!);
    ctx.body = { data: { flow, state, robot: ctx.state.input.body.robot } };
  },
);

export default router;
