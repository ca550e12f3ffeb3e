import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { STATES, STATE_KEYS, type DuplicateApplicationView, type DuplicateMatch } from '@wc/shared';
import type { AuthUser } from '../context';
import { Application } from '../models';
import { applicationScope } from '../policies/application';

const TERMINAL = STATE_KEYS.filter((s) => STATES[s].terminal);
const LIMIT = 10;

/** Addresses as typed: the same words whatever the spacing. */
export function sameAddressKey(address: string): string {
  return address.replace(/\s+/g, '');
}

/**
 * Applications still in progress that share the credit code or the water address, among those
 * `user` may see (an applicant only their own: nobody learns of another customer's application).
 */
export async function inProgressDuplicates(
  user: AuthUser,
  fields: { creditCode?: string | null; waterAddress?: string | null },
  excludeId: number | null = null,
  t?: Transaction,
): Promise<DuplicateApplicationView[]> {
  const creditCode = fields.creditCode?.trim().toUpperCase() || null;
  const waterAddress = fields.waterAddress?.trim() || null;
  const matchers: WhereOptions<Application>[] = [];
  if (creditCode) {
    matchers.push({ creditCode });
  }
  if (waterAddress) {
    matchers.push({ waterAddress });
    // Typed with blanks ("华夏路 10号") where the earlier one was typed without. (The other way round
    // would need a normalised column; the exact match covers what the forms store, trimmed.)
    const compact = sameAddressKey(waterAddress);
    if (compact !== waterAddress) {
      matchers.push({ waterAddress: compact });
    }
  }
  if (matchers.length === 0) {
    return [];
  }
  const rows = await Application.findAll({
    attributes: ['id', 'number', 'name', 'state', 'createdAt', 'creditCode', 'waterAddress'],
    where: {
      [Op.and]: [
        applicationScope(user),
        { state: { [Op.notIn]: TERMINAL } },
        { [Op.or]: matchers },
        ...(excludeId === null ? [] : [{ id: { [Op.ne]: excludeId } }]),
      ],
    },
    order: [['createdAt', 'DESC']],
    limit: LIMIT,
    transaction: t,
  });
  return rows.map((app) => {
    const matched: DuplicateMatch[] = [];
    if (creditCode && app.creditCode === creditCode) {
      matched.push('creditCode');
    }
    if (waterAddress && sameAddressKey(app.waterAddress) === sameAddressKey(waterAddress)) {
      matched.push('waterAddress');
    }
    return {
      id: app.id,
      number: app.number,
      name: app.name,
      state: app.state,
      stateLabel: STATES[app.state].label,
      createdAt: app.createdAt.toISOString(),
      matched,
    };
  });
}
