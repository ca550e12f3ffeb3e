import { Op, fn, col, type WhereOptions } from 'sequelize';
import {
  APPLICANT_KINDS,
  ATTACHMENT_CATEGORIES,
  COUNTER_ROLE,
  WORKFLOWS,
  chinaDate,
  getFlow,
  isApplicantDocument,
  proceduresOf,
  type AttachmentCategory,
  type Channel,
  type FlowKey,
  type Procedure,
  type Route,
  type StateKey,
  type WaterType,
} from '@wc/shared';
import { chinaDayEnd, chinaDayStart } from '../../lib/search';
import { Application, Attachment, HistoryEntry } from '../../models';
import { loadCalendar } from '../settings';
import { workingDayCheck, workingDaysBetween } from './workdays';

/** What the report needs to know of one completed application, every figure already worked out. */
export interface AppFacts {
  id: number;
  number: string;
  name: string;
  kind: FlowKey;
  waterType: WaterType;
  channel: Channel;
  route: Route;
  createdAt: Date;
  completedAt: Date;
  /** `YYYY-MM` of the China day it was completed. */
  month: string;
  procedures: Procedure[];
  workdays: number;
  utilityWorkdays: number;
  budget: number | null;
  cost: number;
  documents: AttachmentCategory[];
  visits: number;
}

export interface FactsFilter {
  from: string;
  to: string;
  kind?: FlowKey;
  waterType?: WaterType;
  channel?: Channel;
  route?: Route;
}

/** Ids per query: keeps IN lists short on both databases. */
const CHUNK = 500;

/** The (flow, version) pairs of a route: the route is a property of the flow version, never of its number. */
function routeScope(route: Route, kind: FlowKey | undefined): WhereOptions<Application> {
  const pairs = (kind ? [kind] : [...APPLICANT_KINDS]).map((flow) => ({
    flow,
    workflowVersion: Object.values(WORKFLOWS[flow])
      .filter((def) => def.route === route)
      .map((def) => def.version),
  }));
  const usable = pairs.filter((p) => p.workflowVersion.length > 0);
  // No published version takes this route: nothing matches (id 0 never exists).
  return usable.length > 0
    ? { [Op.or]: usable.map((p) => ({ flow: p.flow, workflowVersion: { [Op.in]: p.workflowVersion } })) }
    : { id: 0 };
}

/**
 * The completed applications of the window with their figures. The database narrows and groups
 * (distinct states, counter actions and document categories per application); only the utility
 * clock's step times come back row by row, because working days need the calendar.
 */
export async function loadFacts(filter: FactsFilter): Promise<AppFacts[]> {
  const where: WhereOptions<Application> = {
    state: 'completed',
    completedAt: { [Op.gte]: chinaDayStart(filter.from), [Op.lt]: chinaDayEnd(filter.to) },
    ...(filter.kind ? { flow: filter.kind } : {}),
    ...(filter.waterType ? { waterType: filter.waterType } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.route ? routeScope(filter.route, filter.kind) : {}),
  };
  const [apps, calendar] = await Promise.all([
    Application.findAll({
      attributes: [
        'id',
        'number',
        'name',
        'flow',
        'workflowVersion',
        'waterType',
        'channel',
        'applicantUserId',
        'budgetTotal',
        'finalAmount',
        'payment',
        'createdAt',
        'completedAt',
      ],
      where,
      order: [
        ['completedAt', 'ASC'],
        ['id', 'ASC'],
      ],
    }),
    loadCalendar(),
  ]);
  const isWorking = workingDayCheck(calendar);
  const facts: AppFacts[] = [];
  for (let i = 0; i < apps.length; i += CHUNK) {
    facts.push(...(await chunkFacts(apps.slice(i, i + CHUNK), isWorking)));
  }
  return facts;
}

type StateRow = { applicationId: number; toState: StateKey };
type CountRow = { applicationId: number; count: number | string };
type StepRow = { applicationId: number; stepStartedAt: Date | string; at: Date | string };
type DocRow = { applicationId: number; category: AttachmentCategory; uploaderUserId: number | null };

async function chunkFacts(apps: Application[], isWorking: (day: string) => boolean): Promise<AppFacts[]> {
  const ids = apps.map((a) => a.id);
  const [states, counter, docs, utilitySteps] = (await Promise.all([
    HistoryEntry.findAll({
      attributes: ['applicationId', 'toState'],
      where: { applicationId: ids },
      group: ['applicationId', 'toState'],
      raw: true,
    }),
    HistoryEntry.findAll({
      attributes: ['applicationId', [fn('COUNT', col('id')), 'count']],
      where: { applicationId: ids, actorRole: COUNTER_ROLE },
      group: ['applicationId'],
      raw: true,
    }),
    Attachment.findAll({
      attributes: ['applicationId', 'category', 'uploaderUserId'],
      where: { applicationId: ids },
      group: ['applicationId', 'category', 'uploaderUserId'],
      raw: true,
    }),
    HistoryEntry.findAll({
      attributes: ['applicationId', 'stepStartedAt', 'at'],
      where: { applicationId: ids, clock: 'utility', newStep: true, stepStartedAt: { [Op.ne]: null } },
      raw: true,
    }),
  ])) as unknown as [StateRow[], CountRow[], DocRow[], StepRow[]];

  const statesOf = groupBy(states, (r) => r.applicationId);
  const docsOf = groupBy(docs, (r) => r.applicationId);
  const stepsOf = groupBy(utilitySteps, (r) => r.applicationId);
  const visitsOf = new Map(counter.map((r) => [r.applicationId, Number(r.count)]));

  return apps.map((app) => {
    const completedAt = app.completedAt ?? app.createdAt;
    const documents = new Set<AttachmentCategory>();
    for (const d of docsOf.get(app.id) ?? []) {
      const byApplicant = app.applicantUserId !== null && d.uploaderUserId === app.applicantUserId;
      if (d.category in ATTACHMENT_CATEGORIES && isApplicantDocument(d.category, byApplicant)) {
        documents.add(d.category);
      }
    }
    // The same history entries as the dashboard's cycle times (the utility's clock, each finished step).
    const utilityWorkdays = (stepsOf.get(app.id) ?? []).reduce(
      (sum, h) => sum + workingDaysBetween(asDate(h.stepStartedAt), asDate(h.at), isWorking),
      0,
    );
    // 确认预算: the budget the applicant confirmed; a resident flow has none, so what was paid is it.
    const budget = app.budgetTotal ?? app.payment?.amount ?? null;
    return {
      id: app.id,
      number: app.number,
      name: app.name,
      kind: app.flow,
      waterType: app.waterType,
      channel: app.channel,
      route: getFlow(app.flow, app.workflowVersion).route,
      createdAt: app.createdAt,
      completedAt,
      month: chinaDate(completedAt).slice(0, 7),
      procedures: proceduresOf((statesOf.get(app.id) ?? []).map((r) => r.toState)),
      workdays: workingDaysBetween(app.createdAt, completedAt, isWorking),
      utilityWorkdays,
      budget,
      // Completed with no budget, payment or settlement: the applicant paid nothing (快速通道 “三零”).
      cost: app.finalAmount ?? budget ?? 0,
      documents: [...documents],
      visits: visitsOf.get(app.id) ?? 0,
    };
  });
}

/** A raw row's instant: the drivers hand DATETIME back as a Date (MariaDB) or as UTC text with its offset (SQLite). */
function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) {
      list.push(row);
    } else {
      map.set(k, [row]);
    }
  }
  return map;
}
