import { getDayDetail, getHolidaysInRange, isWorkday } from 'chinese-days';
import type { CalendarDayView, CalendarEntryKind, Threshold } from '@wc/shared';
import { keepAtMost } from './boundedMap';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The utility's entered calendar days (`YYYY-MM-DD` → 放假 / 调休上班), as loaded for one computation. */
export type WorkCalendar = ReadonlyMap<string, CalendarEntryKind>;

export const NO_ENTRIES: WorkCalendar = new Map();

/**
 * The last year chinese-days has holiday data for, found by probing rather than written down, so an
 * updated package extends the calendar without a code change. Every published year has at least
 * New Year's Day on a weekday; a year without data has no weekday holidays at all.
 */
function probeChineseDaysLastYear(): number {
  let year = 2004; // the package's first year
  while (year < 2200 && getHolidaysInRange(`${year + 1}-01-01`, `${year + 1}-12-31`, false).length > 0) {
    year += 1;
  }
  return year;
}

export const CHINESE_DAYS_LAST_YEAR = probeChineseDaysLastYear();

/** `YYYY-MM-DD` of the China calendar day of an instant. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Whether a day is worked: an entered day says so; else chinese-days answers for the years it has
 * data for; past those, Monday to Friday (a warning says so from 60 days before the data ends).
 */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  const entered = calendar.get(day);
  if (entered) {
    return entered === 'workday';
  }
  let packaged = PACKAGED_DAYS.get(day);
  if (packaged === undefined) {
    packaged = Number(day.slice(0, 4)) <= CHINESE_DAYS_LAST_YEAR ? isWorkday(day) : !isWeekend(day);
    PACKAGED_DAYS.set(day, packaged);
  }
  return packaged;
}

/**
 * The package's (or the weekday rule's) answer per day, kept: it never changes in a process, and
 * every deadline of every row on a list asks it again for the same few weeks of days (chinese-days
 * formats and parses the date at each call). A day is 10 characters; a century of them is 36,525.
 */
const PACKAGED_DAYS = new Map<string, boolean>();

/** A day as the calendar screen shows it: worked or not, why, and where the answer came from. */
export function describeDay(day: string, calendar: WorkCalendar, names: ReadonlyMap<string, string> = new Map()): CalendarDayView {
  const weekend = isWeekend(day);
  const working = isWorkingDay(day, calendar);
  const entered = calendar.get(day);
  const packaged = Number(day.slice(0, 4)) <= CHINESE_DAYS_LAST_YEAR;
  const source = entered ? 'entered' : packaged ? 'chinese-days' : 'weekday-rule';
  // The package names its special days "Spring Festival,春节,4"; ordinary days carry a weekday name.
  const packageName = source === 'chinese-days' ? (getDayDetail(day).name.split(',')[1] ?? null) : null;
  const name = entered ? names.get(day) || null : packageName;
  const kind = working
    ? weekend
      ? 'makeup'
      : 'weekday'
    : !weekend || entered === 'holiday' || packageName !== null
      ? 'holiday'
      : 'weekend';
  return { date: day, working, kind, name: kind === 'holiday' || kind === 'makeup' ? name : null, source };
}

/**
 * When a step entered at `enteredAt` becomes overdue. Working days skip weekends and statutory
 * holidays and count 调休 make-up days (`calendar`, then chinese-days, then Monday–Friday); the
 * time of day is kept, so 3 working days from Friday 10:00 before a holiday week ends on the 3rd
 * working day at 10:00. Pure: the caller loads the calendar.
 */
export function dueAt(enteredAt: Date, threshold: Threshold | null, calendar: WorkCalendar = NO_ENTRIES): Date | null {
  if (!threshold || threshold.value <= 0) {
    return null;
  }
  if (threshold.unit === 'hours') {
    return new Date(enteredAt.getTime() + threshold.value * HOUR_MS);
  }
  const whole = Math.floor(threshold.value);
  const fraction = threshold.value - whole;
  const target = workingDaysAfter(chinaDay(enteredAt), whole, calendar);
  const timeOfDay = (enteredAt.getTime() + CHINA_OFFSET_MS) % DAY_MS;
  const targetMidnightUtc = Date.parse(`${target}T00:00:00Z`) - CHINA_OFFSET_MS;
  return new Date(targetMidnightUtc + timeOfDay + fraction * DAY_MS);
}

/**
 * The day `count` working days after `day`, kept per calendar: a list's rows, the detail's 预计通水
 * and the reminder scan walk the same days from the same few start days again and again. The
 * settings cache hands out one calendar object until an administrator changes it, so a changed
 * calendar is a new key and the old answers go with the old object.
 */
const WALKS = new WeakMap<WorkCalendar, Map<string, string>>();
const WALKS_KEPT = 10_000;

function workingDaysAfter(day: string, count: number, calendar: WorkCalendar): string {
  let walks = WALKS.get(calendar);
  if (!walks) {
    walks = new Map();
    WALKS.set(calendar, walks);
  }
  const key = `${day}+${count}`;
  const known = walks.get(key);
  if (known !== undefined) {
    return known;
  }
  let target = day;
  for (let counted = 0; counted < count;) {
    target = nextDay(target);
    if (isWorkingDay(target, calendar)) {
      counted += 1;
    }
  }
  // Bounded: a long-running process sees new start days every day; the oldest go first.
  keepAtMost(walks, WALKS_KEPT, key, target);
  return target;
}

/** The last year whose holidays are known: the package's or the last year with an entered day. */
export function lastCoveredYear(lastEnteredYear: number | null): number {
  return Math.max(CHINESE_DAYS_LAST_YEAR, lastEnteredYear ?? 0);
}

export const CALENDAR_WARNING_DAYS = 60;

/** The warning shown from 60 days before the calendar's data ends (and after), else null. */
export function calendarWarning(today: Date, lastYear: number): string | null {
  const end = Date.parse(`${lastYear + 1}-01-01T00:00:00+08:00`);
  if (end - today.getTime() > CALENDAR_WARNING_DAYS * DAY_MS) {
    return null;
  }
  return `工作日历只到${lastYear}年底，请在系统管理→工作日历中录入${lastYear + 1}年的放假和调休安排（未录入的日子按周一至周五上班计算）`;
}
