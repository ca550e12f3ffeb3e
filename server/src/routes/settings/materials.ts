import Router from '@koa/router';
import type { z } from 'zod';
import { materialSettingsSchema } from '@wc/shared';
import { materialSettings, replaceMaterialSettings } from '../../commands/materials';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';

const router = new Router<AppState>({ prefix: '/settings/materials' });

/** GET /api/settings/materials — 申请材料设置: which papers each kind's form asks for (everyone signed in: the applicant's form shows them). */
router.get('/', authenticated(), async (ctx: AuthedContext) => {
  ctx.body = { data: await materialSettings() };
});

/** PUT /api/settings/materials — replace the setting, both kinds at once (administrators; audited). */
router.put(
  '/',
  authenticated('staff'),
  validate({ body: materialSettingsSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof materialSettingsSchema> }>) => {
    authorizeAdmin(ctx.state.user);
    await replaceMaterialSettings(ctx.state.user, ctx.state.input.body, ctx.state.transaction!);
    ctx.body = { data: await materialSettings(ctx.state.transaction) };
  },
);

export default router;
