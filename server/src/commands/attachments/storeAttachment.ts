import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import { Op } from 'sequelize';
import { ATTACHMENT_CATEGORIES, FILE_KIND_MIME, categoryDef, type AttachmentCategory, type WorkflowFacts } from '@wc/shared';
import { withTransaction } from '../../db/transaction';
import { AppError, NotFoundError } from '../../errors';
import { Attachment, type Application } from '../../models';
import { loadFacts } from '../workflow/facts';
import { lockApplication } from '../workflow/load';
import { services } from '../../services';
import { spoolDir, storage } from '../../storage';
import { readPhotoEvidence } from './exif';
import { sanitizeFileName } from './fileName';
import { checkKind, detectKind, sniffFile } from './sniff';
import { FileTooLargeError, spool, type SpooledFile } from './spool';
import { claimUploadKey, type UploadKey } from './uploadIdempotency';

/** Camera formats that carry EXIF capture time and position (PNG screenshots do not). */
const PHOTO_KINDS = new Set(['jpeg', 'heic', 'webp']);

/** The size limit of a category: configured (`UPLOAD_MAX_MB_<CATEGORY>`) or the default in shared. */
export function uploadLimit(category: AttachmentCategory): number {
  const configured = services().config.uploadLimitsMb[category];
  return configured ? Math.floor(configured * 1024 * 1024) : categoryDef(category).maxBytes;
}

export function tooLarge(category: AttachmentCategory): AppError {
  const bytes = uploadLimit(category);
  const size = bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
  return new AppError('PAYLOAD_TOO_LARGE', `「${ATTACHMENT_CATEGORIES[category].label}」单个文件不能超过 ${size}`);
}

export interface StoreSpooled {
  applicationId: number;
  category: AttachmentCategory;
  displayName: string;
  originalName: string;
  spooled: SpooledFile;
  uploaderUserId: number | null;
  /**
   * Checked again with the application locked, just before the row is written: an upload that
   * began while its step took this category may end after the step moved on (a corrected budget
   * still arriving when the design was submitted). It must not land then. Throws to refuse.
   */
  authorize?: (app: Application, facts: WorkflowFacts) => void;
  /** The upload's `Idempotency-Key`, claimed with the row; `reply` is what a repeat gets back. */
  idempotency?: { key: UploadKey; reply: (row: Attachment) => unknown };
}

/** A generated storage key: date folders for operators, a random name (never anything from the client). */
function storageKey(kind: string): string {
  const now = new Date();
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return `uploads/${month}/${randomUUID()}.${kind === 'jpeg' ? 'jpg' : kind}`;
}

/**
 * Checks a spooled upload's real type, moves it into storage and records it. The object is written
 * before the row and removed if the row cannot be written, so no row ever points at a missing
 * object; a crash in between leaves only an orphan object, which the sweeper removes. A new version
 * of a versioned category supersedes the current one in the same transaction.
 */
export async function storeSpooled(input: StoreSpooled): Promise<Attachment> {
  const def = categoryDef(input.category);
  try {
    // Checked again on disk: the programmatic path has no stream inspection.
    const kind = checkKind(input.category, await sniffFile(input.spooled.path));
    const evidence = PHOTO_KINDS.has(kind) ? await readPhotoEvidence(input.spooled.path) : { takenAt: null, gpsLat: null, gpsLng: null };
    const key = storageKey(kind);
    const driver = storage();
    await driver.putFile(key, input.spooled.path, FILE_KIND_MIME[kind], input.spooled.size);
    try {
      return await withTransaction(services().sequelize, async (t) => {
        const keep = input.idempotency ? await claimUploadKey(input.idempotency.key, t) : null;
        if (input.authorize) {
          const app = await lockApplication(input.applicationId, t);
          if (!app) {
            throw new NotFoundError('未找到该报装申请');
          }
          input.authorize(app, await loadFacts(app, t));
        }
        const row = await Attachment.create(
          {
            applicationId: input.applicationId,
            category: input.category,
            displayName: input.displayName,
            originalName: sanitizeFileName(input.originalName),
            storageDriver: driver.name,
            storageKey: key,
            size: input.spooled.size,
            mimeType: FILE_KIND_MIME[kind],
            fileKind: kind,
            sha256: input.spooled.sha256,
            uploaderUserId: input.uploaderUserId,
            historyId: null,
            supersededById: null,
            takenAt: evidence.takenAt,
            gpsLat: evidence.gpsLat,
            gpsLng: evidence.gpsLng,
          },
          { transaction: t },
        );
        if (def.versioned) {
          await Attachment.update(
            { supersededById: row.id },
            {
              where: { applicationId: input.applicationId, category: input.category, supersededById: null, id: { [Op.ne]: row.id } },
              transaction: t,
            },
          );
        }
        await keep?.(input.idempotency?.reply(row));
        return row;
      });
    } catch (error) {
      await driver.remove(key).catch(() => undefined);
      throw error;
    }
  } finally {
    await rm(input.spooled.path, { force: true });
  }
}

export interface StoreAttachment {
  applicationId: number;
  category: AttachmentCategory;
  displayName: string;
  originalName: string;
  content: Buffer | Readable;
  uploaderUserId: number | null;
}

/** Stores a file without HTTP (seed data, scripts): the same checks and the same storage as an upload. */
export async function storeAttachment(input: StoreAttachment): Promise<Attachment> {
  const source = Buffer.isBuffer(input.content) ? ReadableStream.from([input.content]) : input.content;
  let spooled: SpooledFile;
  try {
    spooled = await spool(source, spoolDir(services().config), {
      limit: uploadLimit(input.category),
      inspect: async (head) => void checkKind(input.category, await detectKind(head)),
    });
  } catch (error) {
    throw error instanceof FileTooLargeError ? tooLarge(input.category) : error;
  }
  return storeSpooled({ ...input, spooled });
}
