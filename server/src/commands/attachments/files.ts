import { Op, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import type { AttachmentView, attachmentSearchSchema } from '@wc/shared';
import type { AuthUser } from '../../context';
import { ForbiddenError, NotFoundError } from '../../errors';
import { deniedAsNotFound } from '../accessDenials';
import { Application, Attachment, User } from '../../models';
import { attachmentPolicy } from '../../policies/attachment';
import { presentAttachment } from '../../presenters/attachment';
import { findVisibleApplication } from '../applicationViews';
import { chinaDayEnd, chinaDayStart, escapeLike } from '../../lib/search';

async function uploaderNames(files: Attachment[]): Promise<Map<number, string>> {
  const ids = [...new Set(files.map((f) => f.uploaderUserId).filter((id): id is number => id !== null))];
  if (ids.length === 0) {
    return new Map();
  }
  const users = await User.findAll({ attributes: ['id', 'displayName'], where: { id: { [Op.in]: ids } } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The files of an application this user may see: applicants their categories' current versions, staff all versions. */
export async function listApplicationAttachments(user: AuthUser, applicationId: number): Promise<AttachmentView[]> {
  const app = await findVisibleApplication(user, applicationId);
  const files = await Attachment.findAll({ where: { applicationId: app.id }, order: [['id', 'DESC']] });
  const names = await uploaderNames(files);
  return files
    .map((f) => ({ f, access: attachmentPolicy.read(user, app, f) }))
    .filter(({ access }) => access !== 'hidden')
    .map(({ f, access }) =>
      presentAttachment(f, user, {
        uploaderName: f.uploaderUserId ? names.get(f.uploaderUserId) : undefined,
        downloadable: access === 'allowed',
      }),
    );
}

/** A file and its application, if this user may read it: 404 when hidden, 403 when forbidden. */
export async function fileForReading(user: AuthUser, id: number): Promise<{ file: Attachment; app: Application }> {
  const file = await Attachment.findByPk(id);
  const app = file ? await Application.findByPk(file.applicationId) : null;
  if (!file || !app) {
    throw new NotFoundError('未找到该附件');
  }
  const access = attachmentPolicy.read(user, app, file);
  if (access === 'hidden') {
    throw deniedAsNotFound(user, 'attachment', id, '未找到该附件');
  }
  if (access === 'forbidden') {
    throw new ForbiddenError('您的岗位无权查看此类附件');
  }
  return { file, app };
}

/**
 * The archive (档案) search for staff: by file name (the meaningful name or the uploaded one),
 * category, 报装编号, 单位名称, uploader and date range.
 */
export async function searchAttachments(
  user: AuthUser,
  query: z.output<typeof attachmentSearchSchema>,
): Promise<{ rows: (AttachmentView & { applicationNumber: string; applicationName: string })[]; total: number }> {
  if (!attachmentPolicy.search(user)) {
    throw new ForbiddenError();
  }
  const where: WhereOptions<Attachment>[] = [];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    where.push({ [Op.or]: [{ displayName: { [Op.like]: like } }, { originalName: { [Op.like]: like } }] });
  }
  if (query.category) {
    where.push({ category: query.category });
  }
  if (query.uploader) {
    where.push({ uploaderUserId: query.uploader });
  }
  if (query.from) {
    where.push({ createdAt: { [Op.gte]: chinaDayStart(query.from) } });
  }
  if (query.to) {
    where.push({ createdAt: { [Op.lt]: chinaDayEnd(query.to) } });
  }
  const appAnd: WhereOptions<Application>[] = [];
  if (query.number) {
    appAnd.push({ number: { [Op.like]: `${escapeLike(query.number)}%` } });
  }
  if (query.name) {
    appAnd.push({ name: { [Op.like]: `%${escapeLike(query.name)}%` } });
  }
  const appWhere = appAnd.length ? { [Op.and]: appAnd } : undefined;
  const include = [
    { model: Application, as: 'application', attributes: ['id', 'number', 'name', 'applicantUserId'], where: appWhere, required: true },
  ];
  const { rows, count } = await Attachment.findAndCountAll({
    where: { [Op.and]: where },
    include,
    order: [['id', 'DESC']],
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
    distinct: true,
  });
  const names = await uploaderNames(rows);
  return {
    total: count,
    rows: rows.map((f) => {
      const app = (f as Attachment & { application?: Application }).application;
      const access = app ? attachmentPolicy.read(user, app, f) : 'hidden';
      return {
        ...presentAttachment(f, user, {
          uploaderName: f.uploaderUserId ? names.get(f.uploaderUserId) : undefined,
          downloadable: access === 'allowed',
        }),
        applicationNumber: app?.number ?? '',
        applicationName: app?.name ?? '',
      };
    }),
  };
}
