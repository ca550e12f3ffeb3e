import { Op, literal, type Order, type Transaction, type WhereOptions } from 'sequelize';
import {
  APPLICANT_KINDS,
  STATES,
  STATE_KEYS,
  WORKFLOWS,
  type ApplicationListQuery,
  type ApplicationView,
  type FlowKey,
  type StateKey,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { NotFoundError } from '../errors';
import { selectModels, selectRows } from '../db/selectRows';
import { deniedAsNotFound } from './accessDenials';
import { Application, User } from '../models';
import { applicationPolicy, applicationScope } from '../policies/application';
import { presentApplication } from '../presenters/application';
import { ratedAmong } from './ratingRows';
import { offerReasons, reasonCategories } from './reasons';
import { stepConfigs, type StepConfig } from './settings';
import { loadContracts, loadFactsMany, type KnownRows } from './workflow/facts';
import { chinaDayEnd, chinaDayStart, escapeLike } from '../lib/search';

const TERMINAL: StateKey[] = STATE_KEYS.filter((s) => STATES[s].terminal);

/**
 * Presents many applications with what the presenter needs, in a fixed number of queries. A caller
 * that holds the contracts or current files already (an action, a detail page) passes them, and
 * they are not read again.
 */
export async function presentApplications(
  apps: Application[],
  viewer: AuthUser,
  t?: Transaction,
  known: KnownRows = {},
): Promise<ApplicationView[]> {
  if (apps.length === 0) {
    return [];
  }
  const now = new Date();
  // The viewer's own name came with this request's login check: 我的待办 and the details opened from
  // it are the viewer's own work, and need no read for it.
  const assigneeIds = [...new Set(apps.map((a) => a.currentAssigneeId).filter((id): id is number => id !== null && id !== viewer.id))];
  const flows = [...new Set(apps.map((a) => a.flow))];
  const contractsLoading = known.contracts
    ? Promise.resolve(known.contracts)
    : loadContracts(
        apps.map((a) => a.id),
        t,
      );
  // The 原因类别 are read with the rest (from the settings cache, under the same version read) rather
  // than after presenting, when an offered return or rejection asks for them: one round trip less.
  const [facts, contracts, assignees, rated, reasons, ...configs] = await Promise.all([
    // The files are read beside the contracts, not after them.
    loadFactsMany(apps, t, { ...known, contracts: contractsLoading }),
    contractsLoading,
    assigneeIds.length
      ? selectRows<Pick<User, 'id' | 'displayName'>>(
          User,
          'SELECT id, display_name AS displayName FROM users WHERE id IN (?)',
          [assigneeIds],
          t,
        )
      : [],
    ratedAmong(apps, viewer, t),
    reasonCategories(t),
    ...flows.map((f) => known.steps?.get(f) ?? stepConfigs(f, t)),
  ]);
  const configByFlow = new Map<FlowKey, ReadonlyMap<StateKey, StepConfig>>(flows.map((f, i) => [f, configs[i] ?? new Map()]));
  const contractByApp = new Map(contracts.map((c) => [c.applicationId, c]));
  const assigneeById = new Map<number, Pick<User, 'id' | 'displayName'>>(assignees.map((u) => [u.id, u]));
  assigneeById.set(viewer.id, { id: viewer.id, displayName: viewer.displayName });
  const views = apps.map((app) => {
    const appFacts = facts.get(app.id);
    if (!appFacts) {
      throw new Error('facts missing');
    }
    return presentApplication(app, {
      viewer,
      facts: appFacts,
      stepConfig: configByFlow.get(app.flow)?.get(app.state),
      contract: contractByApp.get(app.id) ?? null,
      assignee: app.currentAssigneeId ? (assigneeById.get(app.currentAssigneeId) ?? null) : null,
      rated: rated.has(app.id),
      now,
    });
  });
  // Returns and rejections offer the 原因类别 that apply.
  return offerReasons(views, reasons);
}

/** An application the user may see, or 404 (also for other applicants' applications: no existence leak). */
export async function findVisibleApplication(user: AuthUser, id: number, t?: Transaction): Promise<Application> {
  // Every detail view and action reads its application: hand-written (db/selectRows.ts).
  const [app] = await selectModels(Application, 'WHERE id = ?', [id], t);
  if (!app) {
    throw new NotFoundError('未找到该报装申请');
  }
  if (!applicationPolicy.read(user, app)) {
    throw deniedAsNotFound(user, 'application', id, '未找到该报装申请');
  }
  return app;
}

/** The WHERE clause of the list's filters, within what the user may see. */
export function listWhere(user: AuthUser, query: Partial<ApplicationListQuery>, now = new Date()): WhereOptions<Application> {
  const and: WhereOptions<Application>[] = [applicationScope(user)];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    and.push({
      [Op.or]: [
        { number: { [Op.like]: like } },
        { name: { [Op.like]: like } },
        { contactPhone: { [Op.like]: like } },
        { contactName: { [Op.like]: like } },
        { waterAddress: { [Op.like]: like } },
        { address: { [Op.like]: like } },
        { creditCode: { [Op.like]: like } },
      ],
    });
  }
  if (query.address) {
    const like = `%${escapeLike(query.address)}%`;
    and.push({ [Op.or]: [{ waterAddress: { [Op.like]: like } }, { address: { [Op.like]: like } }] });
  }
  if (query.creditCode) {
    // Typed from a licence, often in lower case; stored upper case.
    and.push({ creditCode: { [Op.like]: `%${escapeLike(query.creditCode.toUpperCase())}%` } });
  }
  if (query.contactName) {
    and.push({ contactName: { [Op.like]: `%${escapeLike(query.contactName)}%` } });
  }
  if (query.number) {
    and.push({ number: { [Op.like]: `${escapeLike(query.number)}%` } });
  }
  if (query.name) {
    and.push({ name: { [Op.like]: `%${escapeLike(query.name)}%` } });
  }
  if (query.phone) {
    and.push({ contactPhone: { [Op.like]: `%${escapeLike(query.phone)}%` } });
  }
  if (query.state) {
    const states = query.state.split(',').filter((s): s is StateKey => s in STATES);
    and.push({ state: { [Op.in]: states } });
  }
  if (query.waterType) {
    and.push({ waterType: query.waterType });
  }
  if (query.kind) {
    and.push({ flow: query.kind });
  }
  if (query.route) {
    // A route is a set of published versions per flow (the definitions say which).
    const route = query.route;
    and.push({
      [Op.or]: APPLICANT_KINDS.map((flow) => ({
        flow,
        workflowVersion: {
          [Op.in]: Object.values(WORKFLOWS[flow])
            .filter((d) => d.route === route)
            .map((d) => d.version),
        },
      })),
    });
  }
  if (query.from) {
    and.push({ createdAt: { [Op.gte]: chinaDayStart(query.from) } });
  }
  if (query.to) {
    and.push({ createdAt: { [Op.lt]: chinaDayEnd(query.to) } });
  }
  if (query.overdue === true) {
    // Only steps on the utility's clock have a due time, so this is exactly "overdue".
    and.push({ dueAt: { [Op.lt]: now } });
  } else if (query.overdue === false) {
    and.push({ [Op.or]: [{ dueAt: null }, { dueAt: { [Op.gte]: now } }] });
  }
  if (query.active === true) {
    and.push({ state: { [Op.notIn]: TERMINAL } });
  } else if (query.active === false) {
    and.push({ state: { [Op.in]: TERMINAL } });
  }
  return { [Op.and]: and };
}

export function listOrder(sort: ApplicationListQuery['sort'], overdueOnly = false): Order {
  switch (sort) {
    case 'oldest':
      return [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ];
    case 'number':
      return [['number', 'ASC']];
    case 'overdue':
      // Most overdue first: the earliest due time; steps without one last. Under the overdue filter
      // there are none without one, and (due_at, id) in index order needs no sort at all.
      return overdueOnly
        ? [
            ['dueAt', 'ASC'],
            ['id', 'ASC'],
          ]
        : [
            [literal('due_at IS NULL'), 'ASC'],
            ['dueAt', 'ASC'],
            ['id', 'ASC'],
          ];
    default:
      return [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ];
  }
}

/**
 * Past this many matches the list says "10000+" instead of counting them all: nobody pages through
 * them 50 at a time, and counting half a million overdue rows would make every page wait for it.
 */
export const LIST_TOTAL_CAP = 10_000;

/** How many rows match, counting no further than `cap + 1` (reads only the index). */
async function countUpTo(where: WhereOptions<Application>, cap: number): Promise<number> {
  const ids = await Application.findAll({ attributes: ['id'], where, limit: cap + 1, raw: true });
  return ids.length;
}

/** One page of the applications list with the total (a lower bound when `totalCapped`). */
export async function listApplications(
  user: AuthUser,
  query: ApplicationListQuery,
): Promise<{ rows: ApplicationView[]; total: number; totalCapped: boolean }> {
  const where = listWhere(user, query);
  const [counted, apps] = await Promise.all([
    countUpTo(where, LIST_TOTAL_CAP),
    Application.findAll({
      where,
      order: listOrder(query.sort, query.overdue === true),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
  ]);
  return { rows: await presentApplications(apps, user), total: Math.min(counted, LIST_TOTAL_CAP), totalCapped: counted > LIST_TOTAL_CAP };
}

/** What waits for this user: assigned to them, or unassigned in a step their roles handle. */
export function worklistWhere(user: AuthUser): WhereOptions<Application> {
  if (user.kind === 'applicant') {
    return { applicantUserId: user.id, currentRole: 'applicant', state: { [Op.notIn]: TERMINAL } };
  }
  return {
    state: { [Op.notIn]: TERMINAL },
    [Op.or]: [
      { currentAssigneeId: user.id },
      { currentAssigneeId: null, currentRole: { [Op.in]: user.roles.length ? user.roles : ['-'] } },
    ],
  };
}
