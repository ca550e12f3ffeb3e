import Router from '@koa/router';
import { z } from 'zod';
import { claimCodeRequestSchema, claimSchema, idParam } from '@wc/shared';
import { claimApplication, requestClaimCode, sendClaimSms } from '../../commands/claims';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { rateLimit } from '../../middlewares/rateLimit';
import { validate } from '../../middlewares/validate';

const router = new Router<AppState>();

/** POST /api/claims/code — 认领报装: a code to the phone on the application (the same reply whatever matched). */
router.post(
  '/claims/code',
  rateLimit({ key: 'sms-code', points: 10, windowSeconds: 60 }),
  authenticated('applicant'),
  validate({ body: claimCodeRequestSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof claimCodeRequestSchema> }>) => {
    const { number, phone } = ctx.state.input.body;
    ctx.body = { data: await requestClaimCode(ctx.state.user, number, phone, ctx.ip) };
  },
);

/** POST /api/claims — the code: the application joins the caller's 我的报装. */
router.post(
  '/claims',
  rateLimit({ key: 'claim', points: 20, windowSeconds: 60 }),
  authenticated('applicant'),
  validate({ body: claimSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof claimSchema> }>) => {
    ctx.body = { data: await claimApplication(ctx.state.user, ctx.state.input.body, ctx.ip) };
  },
);

const idParams = z.object({ id: idParam });

/** POST /api/applications/:id/claim-sms — 发送认领短信: the window clerk texts the customer the claim link. */
router.post(
  '/applications/:id/claim-sms',
  authenticated('staff'),
  validate({ params: idParams }),
  async (ctx: AuthedContext<{ params: z.output<typeof idParams> }>) => {
    ctx.body = { data: await sendClaimSms(ctx.state.user, ctx.state.input.params.id, ctx.ip) };
  },
);

export default router;
