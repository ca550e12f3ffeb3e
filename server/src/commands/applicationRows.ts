import { literal, type CreationAttributes, type InferAttributes, type Transaction, type WhereOptions } from 'sequelize';
import { AppError } from '../errors';
import { Application } from '../models';

/**
 * The applications table is written here only. A row is created once; after that it changes only
 * where it still has the version the change was decided on — two changes of one application can
 * never both land: the second matches no row and is refused, having written nothing — or, for the
 * due times the step settings and the calendar decide, through `setDueAt`, and for a customer's
 * duplicate account merged into their real one, through `moveApplicant`.
 */
export function insertApplication(values: CreationAttributes<Application>, t: Transaction): Promise<Application> {
  return Application.create(values, { transaction: t });
}

/** Writes `changes` where the row still has `version` (and matches `also`); else 409, nothing written. */
export async function updateApplication(
  id: number,
  version: number,
  changes: Partial<InferAttributes<Application>>,
  t: Transaction,
  also: WhereOptions<Application> = {},
): Promise<void> {
  const [updated] = await Application.update(changes, { where: { ...also, id, version }, transaction: t });
  if (updated !== 1) {
    throw new AppError('STATE_CONFLICT');
  }
}

/** A running step's due time, recomputed from when it was entered (settings or calendar changed). */
export async function setDueAt(id: number, dueAt: Date | null, t: Transaction): Promise<void> {
  await Application.update({ dueAt }, { where: { id }, transaction: t });
}

/**
 * Every application of applicant `from` now belongs to `to` (one person's duplicate WeChat account
 * merged into their real one). Each row's version moves on, so an action decided on the old owner
 * is refused rather than applied. Resolves the ids moved, in order.
 */
export async function moveApplicant(from: number, to: number, t: Transaction): Promise<number[]> {
  const owned = await Application.findAll({ attributes: ['id'], where: { applicantUserId: from }, transaction: t, lock: t.LOCK.UPDATE });
  const ids = owned.map((a) => a.id).sort((a, b) => a - b);
  if (ids.length > 0) {
    await Application.update(
      { applicantUserId: to, version: literal('version + 1') as unknown as number },
      { where: { id: ids, applicantUserId: from }, transaction: t },
    );
  }
  return ids;
}
