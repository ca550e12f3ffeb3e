import Router from '@koa/router';
import type { z } from 'zod';
import { contentDisposition } from '../../commands/attachments/fileName';
import { exportDossier } from '../../commands/dossier/dossier';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { idParams } from '../applications/schema';

const router = new Router<AppState>({ prefix: '/applications' });

type IdInput = { params: z.output<typeof idParams> };

/**
 * GET /api/applications/:id/dossier.zip — 导出资料: the application's summary PDF and all its files
 * as one zip, streamed (staff; audited). `X-Dossier-Bytes` is what the zip will roughly weigh, so
 * the staff page can show progress of a download that has no Content-Length.
 */
router.get('/:id/dossier.zip', authenticated(), validate({ params: idParams }), async (ctx: AuthedContext<IdInput>) => {
  const dossier = await exportDossier(ctx.state.user, ctx.state.input.params.id, ctx.ip, ctx.state.log);
  ctx.type = 'application/zip';
  ctx.set('Content-Disposition', contentDisposition(dossier.filename));
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Dossier-Files', String(dossier.files));
  ctx.set('X-Dossier-Bytes', String(dossier.bytes));
  ctx.body = dossier.stream;
});

export default router;
