import { Op, type Transaction } from 'sequelize';
import { hasStaffDeadline, type CalendarEntryInput, type CalendarYearView, type FlowKey } from '@wc/shared';
import type { AuthUser } from '../context';
import { calendarWarning, describeDay, lastCoveredYear, type WorkCalendar } from '../lib/deadlines';
import { CalendarEntry } from '../models';
import { recordAudit } from './audit';
import { recomputeDueTimes } from './settingsAdmin';
import { loadCalendar, stepConfigs } from './settings';

/** The last year with an entered day, or null. */
export async function lastEnteredYear(t?: Transaction): Promise<number | null> {
  const last = await CalendarEntry.max<string | null, CalendarEntry>('date', { transaction: t });
  return last ? Number(last.slice(0, 4)) : null;
}

/** The calendar's warning for `today` (null while more than 60 days of data remain). */
export async function calendarStatus(today: Date, t?: Transaction): Promise<{ lastCoveredYear: number; warning: string | null }> {
  const last = lastCoveredYear(await lastEnteredYear(t));
  return { lastCoveredYear: last, warning: calendarWarning(today, last) };
}

/** One year at a glance: each day's kind and where the answer comes from, and the entered rows. */
export async function calendarYear(year: number, today: Date, t?: Transaction): Promise<CalendarYearView> {
  const rows = await CalendarEntry.findAll({
    where: { date: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } },
    order: [['date', 'ASC']],
    transaction: t,
  });
  const calendar: WorkCalendar = new Map(rows.map((r) => [r.date, r.kind]));
  const names = new Map(rows.map((r) => [r.date, r.name]));
  const days = [];
  for (let at = Date.UTC(year, 0, 1); at < Date.UTC(year + 1, 0, 1); at += 86_400_000) {
    days.push(describeDay(new Date(at).toISOString().slice(0, 10), calendar, names));
  }
  const status = await calendarStatus(today, t);
  return { year, ...status, entries: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })), days };
}

/**
 * Replaces a year's entered days. Running steps counted in working days get their due times
 * recomputed on the new calendar in the same transaction (the same path as a threshold change), so
 * the overdue list never mixes two calendars; the change is audited with the year's new rows.
 */
export async function replaceCalendarYear(actor: AuthUser, year: number, entries: CalendarEntryInput[], t: Transaction): Promise<void> {
  await CalendarEntry.destroy({ where: { date: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } }, transaction: t });
  if (entries.length > 0) {
    await CalendarEntry.bulkCreate(
      entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name })),
      { transaction: t },
    );
  }
  const calendar = await loadCalendar(t);
  for (const flow of ['enterprise', 'resident'] as const satisfies FlowKey[]) {
    for (const [state, { threshold }] of await stepConfigs(flow, t)) {
      // Hour thresholds and customer steps do not depend on the calendar.
      if (hasStaffDeadline(state) && threshold?.unit === 'workdays') {
        await recomputeDueTimes(flow, state, threshold, calendar, t);
      }
    }
  }
  await recordAudit(
    { actorUserId: actor.id, action: 'settings.calendar', targetType: 'calendar', targetId: year, data: { year, entries } },
    t,
  );
}
