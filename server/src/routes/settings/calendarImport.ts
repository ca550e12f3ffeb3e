import Router from '@koa/router';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { receiveUpload } from '../../commands/attachments/receiveUpload';
import { readCalendarSheet } from '../../commands/calendarImport';
import type { AppState, AuthedContext } from '../../context';
import { AppError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { multipartBody } from '../../middlewares/requestBody';
import { authorizeAdmin } from '../../policies/admin';
import { services } from '../../services';
import { spoolDir } from '../../storage';

const router = new Router<AppState>({ prefix: '/settings/calendar' });

const MAX_BYTES = 1024 * 1024;
/** An .xlsx file is a zip: it starts with PK\x03\x04. */
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * POST /api/settings/calendar/import — an Excel sheet of 放假 / 调休上班 days read into paste-box
 * lines (administrators). Nothing is saved: the screen previews the lines with the same row-level
 * checks as pasted text and saves them with PUT /api/settings/calendar/:year.
 */
router.post('/import', authenticated('staff'), multipartBody(), async (ctx: AuthedContext) => {
  let received;
  try {
    authorizeAdmin(ctx.state.user);
    received = await receiveUpload(ctx.req, async () => ({
      dir: spoolDir(services().config),
      limit: MAX_BYTES,
      tooLarge: () => new AppError('PAYLOAD_TOO_LARGE', '日历表格不能超过 1 MB'),
      inspect: async (head: Buffer) => {
        if (!head.subarray(0, 4).equals(XLSX_MAGIC)) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请上传 Excel（.xlsx）文件；.xls 请先另存为 .xlsx');
        }
      },
    }));
  } catch (error) {
    // Refused before or while the file arrived: answer now and drop the rest of the body.
    ctx.set('Connection', 'close');
    ctx.res.once('finish', () => ctx.req.destroy());
    throw error;
  }
  try {
    ctx.body = { data: await readCalendarSheet(createReadStream(received.spooled.path)) };
  } finally {
    await unlink(received.spooled.path).catch(() => undefined);
  }
});

export default router;
