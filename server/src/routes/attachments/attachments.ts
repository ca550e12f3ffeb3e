import type { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import {
  ATTACHMENT_CATEGORIES,
  categoryDef,
  fieldErrors,
  isStaffRole,
  typedNameProblem,
  type AttachmentCategory,
  type BudgetPreviewView,
  type WorkflowFacts,
} from '@wc/shared';
import { findVisibleApplication } from '../../commands/applicationViews';
import { readBudget } from '../../commands/attachments/budgetPreview';
import { verifyDownloadLink } from '../../commands/attachments/downloadLinks';
import { contentDisposition } from '../../commands/attachments/fileName';
import { fileForReading, listApplicationAttachments, searchAttachments } from '../../commands/attachments/files';
import { receiveUpload } from '../../commands/attachments/receiveUpload';
import { checkKind, detectKind } from '../../commands/attachments/sniff';
import { storeSpooled, tooLarge, uploadLimit } from '../../commands/attachments/storeAttachment';
import { UploadReplay, replayStoredUpload, uploadKey, type UploadKey } from '../../commands/attachments/uploadIdempotency';
import { loadFacts } from '../../commands/workflow/facts';
import type { AppState, AuthedContext, AuthUser } from '../../context';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, fieldError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { multipartBody } from '../../middlewares/requestBody';
import { validate } from '../../middlewares/validate';
import { User, UserRole, type Application, type Attachment } from '../../models';
import { attachmentPolicy } from '../../policies/attachment';
import { presentAttachment } from '../../presenters/attachment';
import { services } from '../../services';
import { spoolDir, storage } from '../../storage';
import { attachmentSearchSchema, fileQuerySchema, idParams, uploadFieldsSchema } from './schema';

/** The photo settings the clients read (long side in pixels, JPEG quality 0.5–1). */
interface PhotoUploadSettings {
  maxSide: number;
  jpegQuality: number;
}

const router = new Router<AppState>();

/** Refuses an upload of `category` that the step does not take from `user` (checked as the fields arrive and again before storing). */
function mayUpload(user: AuthUser, category: AttachmentCategory) {
  return (app: Application, facts: WorkflowFacts): void => {
    if (!attachmentPolicy.upload(user, app, facts, category)) {
      throw new ForbiddenError(`当前环节您不能上传「${ATTACHMENT_CATEGORIES[category].label}」`);
    }
  };
}

type IdInput = { params: z.output<typeof idParams> };

/**
 * POST /api/applications/:id/attachments — upload one file (multipart: category, displayName, then
 * file). The file streams to disk; a refusal (fields, permission, size, type) leaves nothing behind.
 */
router.post(
  '/applications/:id/attachments',
  authenticated(),
  multipartBody(),
  validate({ params: idParams }),
  async (ctx: AuthedContext<IdInput>) => {
    const user = ctx.state.user;
    const app = await findVisibleApplication(user, ctx.state.input.params.id);
    // A repeat of an upload that was stored (its answer lost on the way) gets that answer again.
    const replay = (r: UploadReplay) => {
      ctx.status = r.status;
      ctx.body = r.body;
      ctx.set('Idempotent-Replayed', 'true');
    };
    let key: UploadKey | null = null;
    let received;
    try {
      received = await receiveUpload(ctx.req, async (fields) => {
        key = uploadKey(ctx.get('Idempotency-Key'), user.id, ctx, fields);
        await replayStoredUpload(key);
        const parsed = uploadFieldsSchema.safeParse({ category: fields.category, displayName: fields.displayName });
        if (!parsed.success) {
          throw new ValidationError(fieldErrors(parsed.error));
        }
        const category = parsed.data.category as AttachmentCategory;
        // A typed name (其他资料) must say more than the number and the category the archive records anyway.
        const nameProblem = categoryDef(category).typedName
          ? typedNameProblem(parsed.data.displayName, { number: app.number, category })
          : null;
        if (nameProblem) {
          throw fieldError('displayName', nameProblem);
        }
        mayUpload(user, category)(app, await loadFacts(app));
        return {
          dir: spoolDir(services().config),
          limit: uploadLimit(category),
          tooLarge: () => tooLarge(category),
          inspect: async (head: Buffer) => void checkKind(category, await detectKind(head)),
        };
      });
    } catch (error) {
      // Refused (or replayed) mid-upload: answer now and drop the rest of the body instead of reading it.
      ctx.set('Connection', 'close');
      ctx.res.once('finish', () => ctx.req.destroy());
      if (error instanceof UploadReplay) {
        replay(error);
        return;
      }
      throw error;
    }
    const presented = (row: Attachment) => ({
      data: presentAttachment(row, user, { uploaderName: user.displayName, downloadable: true }),
    });
    let file: Attachment;
    try {
      file = await storeSpooled({
        applicationId: app.id,
        category: received.fields.category as AttachmentCategory,
        displayName: (received.fields.displayName ?? '').trim(),
        originalName: received.fileName,
        spooled: received.spooled,
        uploaderUserId: user.id,
        // The step may have moved on while the file was arriving.
        authorize: mayUpload(user, received.fields.category as AttachmentCategory),
        idempotency: key ? { key, reply: presented } : undefined,
      });
    } catch (error) {
      if (error instanceof UploadReplay) {
        replay(error);
        return;
      }
      throw error;
    }
    ctx.status = 201;
    ctx.body = presented(file);
  },
);

/** GET /api/uploads/photo-settings — how far the clients shrink a phone photo before uploading it (config photoUpload). */
router.get('/uploads/photo-settings', authenticated(), (ctx: AuthedContext) => {
  const data: PhotoUploadSettings = services().config.photoUpload;
  ctx.body = { data };
});

/** GET /api/applications/:id/attachments — the files of an application the user may see. */
router.get('/applications/:id/attachments', authenticated(), validate({ params: idParams }), async (ctx: AuthedContext<IdInput>) => {
  ctx.body = { data: await listApplicationAttachments(ctx.state.user, ctx.state.input.params.id) };
});

/** GET /api/attachments — archive search (staff). */
router.get(
  '/attachments',
  authenticated('staff'),
  validate({ query: attachmentSearchSchema }),
  async (ctx: AuthedContext<{ query: z.output<typeof attachmentSearchSchema> }>) => {
    const query = ctx.state.input.query;
    const { rows, total } = await searchAttachments(ctx.state.user, query);
    ctx.body = { data: rows, meta: { page: query.page, pageSize: query.pageSize, total } };
  },
);

/** A bearer token, or a signed link issued to one user for one file. */
function fileReader(): Middleware<AppState> {
  const bearer = authenticated();
  return async function fileReaderMiddleware(ctx, next) {
    const query = fileQuerySchema.safeParse(ctx.query);
    const id = Number((ctx as unknown as { params: { id: string } }).params.id);
    if (query.success && query.data.s) {
      const userId = verifyDownloadLink(id, query.data);
      const user = userId ? await User.findByPk(userId, { include: [{ model: UserRole, as: 'roles' }] }) : null;
      if (!user || !user.enabled) {
        throw new UnauthenticatedError();
      }
      const auth: AuthUser = {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        kind: user.kind,
        applicantKind: user.applicantKind,
        roles: user.roleKeys.filter(isStaffRole),
      };
      ctx.state.user = auth;
      await next();
      return;
    }
    await bearer(ctx, next);
  };
}

function parseRange(header: string, size: number): { start: number; end: number } | 'invalid' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!header) {
    return null;
  }
  if (!match || (match[1] === '' && match[2] === '')) {
    return 'invalid';
  }
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

const INLINE_KINDS = new Set(['jpeg', 'png', 'webp', 'pdf']);

/**
 * The stored bytes of a file. A row whose object is gone (restored from an old backup, removed by
 * hand) is an operator's problem: logged loudly, answered with a clear message instead of a 500.
 */
async function openStored(ctx: AuthedContext<IdInput>, file: Attachment, range?: { start: number; end: number }): Promise<Readable> {
  try {
    return await storage().get(file.storageKey, range);
  } catch (error) {
    ctx.state.log.error({ err: error, attachmentId: file.id, storageKey: file.storageKey }, 'stored file missing');
    ctx.remove('Content-Disposition');
    ctx.remove('Content-Range');
    ctx.remove('ETag');
    throw new NotFoundError('该附件的文件内容已丢失，请联系系统管理员');
  }
}

/** GET /api/attachments/:id/download — the file; ranges for large files; on OSS a redirect to a short-lived signed URL. */
router.get('/attachments/:id/download', validate({ params: idParams }), fileReader(), async (ctx: AuthedContext<IdInput>) => {
  const { file } = await fileForReading(ctx.state.user, ctx.state.input.params.id);
  const inline = ctx.query.inline === '1' && INLINE_KINDS.has(file.fileKind);
  const driver = storage();
  const signed = driver.signedUrl(file.storageKey, {
    filename: file.originalName,
    contentType: file.mimeType,
    expiresSeconds: services().config.storage.oss.signedUrlSeconds,
    inline,
  });
  ctx.set('Cache-Control', 'private, no-store');
  if (signed) {
    ctx.redirect(signed);
    return;
  }
  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('Content-Disposition', contentDisposition(file.originalName, inline));
  ctx.set('ETag', `"${file.sha256}"`);
  ctx.type = file.mimeType;
  const range = parseRange(ctx.get('Range'), file.size);
  if (range === 'invalid') {
    ctx.set('Content-Range', `bytes */${file.size}`);
    ctx.body = '';
    ctx.status = 416;
    return;
  }
  if (range) {
    ctx.status = 206;
    ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    ctx.length = range.end - range.start + 1;
    ctx.body = await openStored(ctx, file, range);
    return;
  }
  ctx.length = file.size;
  ctx.body = await openStored(ctx, file);
});

/**
 * GET /api/attachments/:id/preview — a budget workbook as a table (items and total, beside the total
 * entered in the workflow); photos and PDFs are shown inline.
 */
router.get('/attachments/:id/preview', validate({ params: idParams }), fileReader(), async (ctx: AuthedContext<IdInput>) => {
  const { file, app } = await fileForReading(ctx.state.user, ctx.state.input.params.id);
  if (file.fileKind !== 'xlsx') {
    if (INLINE_KINDS.has(file.fileKind)) {
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('Content-Disposition', contentDisposition(file.originalName, true));
      ctx.type = file.mimeType;
      ctx.length = file.size;
      ctx.body = await openStored(ctx, file);
      return;
    }
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      file.fileKind === 'xls' ? '旧版 .xls 表格无法在线预览，请下载后查看' : '该文件无法在线预览，请下载后查看',
    );
  }
  let preview;
  try {
    preview = await readBudget(await openStored(ctx, file));
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '表格内容无法读取，请下载后查看');
  }
  const entered = file.category === 'budget' ? app.budgetTotal : null;
  const data: BudgetPreviewView = {
    attachmentId: file.id,
    displayName: file.displayName,
    sha256: file.sha256,
    current: file.supersededById === null,
    ...preview,
    budgetTotal: entered,
    matchesBudgetTotal: entered !== null && preview.total !== null ? Math.abs(entered - preview.total) < 0.005 : null,
  };
  ctx.body = { data };
});

export default router;
