import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { AuthUser } from '../../context';
import { withTransaction } from '../../db/transaction';
import { ForbiddenError } from '../../errors';
import { applicationPolicy } from '../../policies/application';
import { services } from '../../services';
import { findVisibleApplication } from '../applicationViews';
import { recordAudit } from '../audit';
import { streamArchive } from './archive';
import { loadDossierContents } from './contents';
import { pdfFont } from './font';
import { renderSummary } from './summary';

export interface Dossier {
  stream: Readable;
  /** `<报装编号>.zip` */
  filename: string;
  files: number;
  /** The stored files' bytes (the zip adds the summary and a little structure). */
  bytes: number;
}

/**
 * 导出资料 (the manual's 导出数据 in the list's 信息 column): one application's case file as a zip —
 * `<编号>-报装资料汇总.pdf` and its files by category, superseded versions under `历史版本/`.
 *
 * Staff only: the summary is the utility's own record (internal steps, staff names, files some
 * roles may not see); applicants download their drawings and budgets one by one on the detail
 * page, and another applicant's number answers 404 like every other read. The export is audited
 * (files, bytes) in its own short transaction before the first byte is sent.
 */
export async function exportDossier(user: AuthUser, id: number, ip: string, log: Logger): Promise<Dossier> {
  const app = await findVisibleApplication(user, id);
  if (!applicationPolicy.export(user)) {
    throw new ForbiddenError('报装资料包由工作人员导出；施工图、预算书等文件请在报装详情中下载');
  }
  const font = pdfFont(services().config);
  const now = new Date();
  const contents = await loadDossierContents(user, app.id);
  const summary = await renderSummary(contents, font, user, now);
  const bytes = contents.files.reduce((sum, f) => sum + f.size, 0);
  await withTransaction(services().sequelize, (t) =>
    recordAudit(
      {
        actorUserId: user.id,
        action: 'application.dossier',
        targetType: 'application',
        targetId: app.id,
        data: { files: contents.files.length, bytes, leftOut: contents.leftOut.length },
        ip,
      },
      t,
      now,
    ),
  );
  const stream = streamArchive({ name: `${app.number}-报装资料汇总.pdf`, data: summary, date: now }, contents.files, log);
  return { stream, filename: `${app.number}.zip`, files: contents.files.length, bytes: bytes + summary.length };
}
