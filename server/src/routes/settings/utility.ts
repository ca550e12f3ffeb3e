import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { UTILITY_IMAGES, UTILITY_IMAGE_LABELS, UTILITY_IMAGE_MAX_BYTES, utilityProfileSchema } from '@wc/shared';
import { receiveUpload } from '../../commands/attachments/receiveUpload';
import { detectKind } from '../../commands/attachments/sniff';
import {
  checkImageKind,
  loadUtilityProfile,
  openUtilityImage,
  replaceUtilityImage,
  saveUtilityProfile,
  utilityView,
} from '../../commands/utilityProfile';
import type { AppState, AuthedContext } from '../../context';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors';
import { authenticated, userFromToken } from '../../middlewares/authenticated';
import { multipartBody } from '../../middlewares/requestBody';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';
import { services } from '../../services';
import { spoolDir } from '../../storage';

const router = new Router<AppState>({ prefix: '/settings/utility' });

const imageParams = z.object({ image: z.enum(UTILITY_IMAGES, { error: '图片类型不正确' }) });
type ImageInput = { params: z.output<typeof imageParams> };

/**
 * The caller when a valid login token comes with the request; anyone otherwise. The profile's public
 * part is read before login (the H5 header), so a missing or stale token is no error here.
 */
function optionalUser(): Middleware<AppState> {
  return async function optionalUserMiddleware(ctx, next) {
    const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(ctx.get('Authorization').trim());
    const user = match?.[1] ? await userFromToken(match[1]) : null;
    if (user && user !== 'expired') {
      ctx.state.user = user;
    }
    await next();
  };
}

/** GET /api/settings/utility — the utility's details: name, phone, address, logo for anyone; bank details and seal for staff. */
router.get('/', optionalUser(), async (ctx) => {
  const staff = ctx.state.user?.kind === 'staff';
  ctx.set('Cache-Control', 'private, no-cache');
  ctx.body = { data: utilityView(await loadUtilityProfile(), services().config.utility, staff) };
});

/** PUT /api/settings/utility — save the whole profile (administrators). */
router.put(
  '/',
  authenticated('staff'),
  validate({ body: utilityProfileSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof utilityProfileSchema> }>) => {
    authorizeAdmin(ctx.state.user);
    const row = await saveUtilityProfile(ctx.state.user, ctx.state.input.body, ctx.state.transaction!);
    ctx.body = { data: utilityView(row, services().config.utility, true) };
  },
);

/** GET /api/settings/utility/logo — the logo for anyone; GET …/seal — the seal for staff only. */
router.get('/:image', validate({ params: imageParams }), optionalUser(), async (ctx) => {
  const { image } = (ctx.state.input as ImageInput).params;
  // Before the lookup: whether a seal exists is not for outsiders either.
  if (image === 'seal' && !ctx.state.user) {
    throw new UnauthenticatedError();
  }
  if (image === 'seal' && ctx.state.user?.kind !== 'staff') {
    throw new ForbiddenError('仅限工作人员使用');
  }
  const stored = await openUtilityImage(image);
  if (!stored) {
    throw new NotFoundError(`尚未上传${UTILITY_IMAGE_LABELS[image]}`);
  }
  const current = ctx.query.v === stored.sha256.slice(0, 12);
  // Versioned URLs of the logo never change content: cached for long; the seal stays out of shared caches.
  ctx.set(
    'Cache-Control',
    image === 'seal' ? 'private, no-store' : current ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
  );
  ctx.set('ETag', `"${stored.sha256}"`);
  ctx.type = stored.mime;
  ctx.body = stored.stream;
});

/**
 * PUT /api/settings/utility/seal and …/logo — replace an image (administrators; multipart, one PNG or
 * JPEG file). The type is checked from the first bytes before the rest is read; a refusal leaves
 * the profile and the storage as they were.
 */
router.put(
  '/:image',
  authenticated('staff'),
  multipartBody(),
  validate({ params: imageParams }),
  async (ctx: AuthedContext<ImageInput>) => {
    const { image } = ctx.state.input.params;
    let received;
    try {
      authorizeAdmin(ctx.state.user);
      received = await receiveUpload(ctx.req, async () => ({
        dir: spoolDir(services().config),
        limit: UTILITY_IMAGE_MAX_BYTES,
        tooLarge: () =>
          new AppError('PAYLOAD_TOO_LARGE', `${UTILITY_IMAGE_LABELS[image]}不能超过 ${UTILITY_IMAGE_MAX_BYTES / 1024 / 1024} MB`),
        inspect: async (head: Buffer) => void checkImageKind(image, await detectKind(head)),
      }));
    } catch (error) {
      // Refused before or while the file arrived: answer now and drop the rest of the body.
      ctx.set('Connection', 'close');
      ctx.res.once('finish', () => ctx.req.destroy());
      throw error;
    }
    const row = await replaceUtilityImage(ctx.state.user, image, received.spooled);
    ctx.body = { data: utilityView(row, services().config.utility, true) };
  },
);

export default router;
