import { z } from 'zod';

/** An entered calendar day: 放假 (a statutory holiday, also on a weekday) or 调休上班 (a make-up working day, also on a weekend). */
export const CALENDAR_ENTRY_KINDS = ['holiday', 'workday'] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

export const CALENDAR_ENTRY_KIND_LABELS: Record<CalendarEntryKind, string> = { holiday: '放假', workday: '调休上班' };

export interface CalendarEntryInput {
  date: string;
  kind: CalendarEntryKind;
  name: string;
}

/** Whether `YYYY-MM-DD` names a day that exists (2027-02-30 does not). */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return false;
  }
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

export const calendarYearParam = z.coerce
  .number({ error: '年份不正确' })
  .int({ error: '年份不正确' })
  .min(2000, { error: '年份应在2000年至2100年之间' })
  .max(2100, { error: '年份应在2000年至2100年之间' });

// The row's shape only: what each value means is checked below, row by row, so every wrong row gets
// its message in one reply (zod skips an object's refinements once one of its fields failed).
const entryShape = z
  .object({
    date: z.string({ error: '请填写日期' }),
    kind: z.string({ error: '请选择类型' }),
    name: z.string({ error: '名称格式不正确' }).trim().optional(),
  })
  .strict();

/**
 * A year's entries as the administrator saves them (PUT replaces the year). Every problem is
 * reported on its row (`entries.3.date`), so nothing is saved until all rows are right.
 */
export function calendarYearSchema(year: number) {
  return z
    .object({ entries: z.array(entryShape, { error: '请提交日历条目列表' }).max(366, { error: '条目过多' }) })
    .strict()
    .superRefine(({ entries }, ctx) => {
      const firstRow = new Map<string, number>();
      entries.forEach((entry, index) => {
        const row = `第${index + 1}行：`;
        if (!(CALENDAR_ENTRY_KINDS as readonly string[]).includes(entry.kind)) {
          ctx.addIssue({ code: 'custom', path: ['entries', index, 'kind'], message: `${row}类型应为放假或调休上班` });
        }
        if ((entry.name ?? '').length > 20) {
          ctx.addIssue({ code: 'custom', path: ['entries', index, 'name'], message: `${row}名称不能超过20个字` });
        }
        if (!isRealDate(entry.date)) {
          ctx.addIssue({
            code: 'custom',
            path: ['entries', index, 'date'],
            message: `${row}${entry.date}不是存在的日期（格式：年-月-日）`,
          });
          return;
        }
        if (!entry.date.startsWith(`${year}-`)) {
          ctx.addIssue({ code: 'custom', path: ['entries', index, 'date'], message: `${row}${entry.date}不在${year}年内` });
          return;
        }
        const first = firstRow.get(entry.date);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['entries', index, 'date'], message: `${row}${entry.date}与第${first + 1}行重复` });
          return;
        }
        firstRow.set(entry.date, index);
      });
    })
    .transform(({ entries }) => ({
      entries: entries.map((e): CalendarEntryInput => ({ date: e.date, kind: e.kind as CalendarEntryKind, name: e.name ?? '' })),
    }));
}

export type CalendarYearInput = z.input<ReturnType<typeof calendarYearSchema>>;

/**
 * POST /api/settings/calendar/import: an Excel sheet turned into paste-box lines (each marked with
 * its Excel row), for the same preview and checks as pasted text; rows it could not read.
 */
export interface CalendarImportView {
  text: string;
  rows: number;
  errors: { row: number; message: string }[];
}

/** A paste-box line the parser could not take, with its 1-based line number. */
export interface CalendarPasteError {
  line: number;
  message: string;
}

const KIND_WORDS: Record<string, CalendarEntryKind> = {
  放假: 'holiday',
  休息: 'holiday',
  休: 'holiday',
  上班: 'workday',
  补班: 'workday',
  调休上班: 'workday',
  班: 'workday',
};

function* daysBetween(start: string, end: string): Generator<string> {
  for (let at = Date.parse(`${start}T00:00:00Z`); at <= Date.parse(`${end}T00:00:00Z`); at += 86_400_000) {
    yield new Date(at).toISOString().slice(0, 10);
  }
}

/**
 * Parses the paste box: one line per range, `2027-02-06~2027-02-12 放假 春节` or
 * `2027-02-14 上班 春节调休` (also `至` or `～` between dates; `#` starts a comment). The State
 * Council notice's own sentences vary too much to parse reliably, so the administrator retypes its
 * dates in this form and sees the preview before saving. Ranges are expanded to days; a day named
 * twice (overlapping ranges) is an error on the later line.
 */
export function parseCalendarPaste(text: string, year: number): { entries: CalendarEntryInput[]; errors: CalendarPasteError[] } {
  const entries: CalendarEntryInput[] = [];
  const errors: CalendarPasteError[] = [];
  const lineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (!content) {
      return;
    }
    const match = /^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:~|～|至|—|–)\s*(\d{4}-\d{1,2}-\d{1,2}))?\s+(\S+)(?:\s+(.+))?$/.exec(content);
    if (!match) {
      errors.push({ line, message: `第${line}行：格式应为「2027-02-06~2027-02-12 放假 春节」或「2027-02-14 上班 春节调休」` });
      return;
    }
    const pad = (d: string) => d.replace(/-(\d)(?=-|$)/g, '-0$1');
    const start = pad(match[1]!);
    const end = pad(match[2] ?? match[1]!);
    const kind = KIND_WORDS[match[3]!];
    const name = (match[4] ?? '').trim();
    if (!isRealDate(start) || !isRealDate(end)) {
      errors.push({ line, message: `第${line}行：日期不存在（${!isRealDate(start) ? start : end}）` });
      return;
    }
    if (end < start) {
      errors.push({ line, message: `第${line}行：结束日期早于开始日期` });
      return;
    }
    if (!start.startsWith(`${year}-`) || !end.startsWith(`${year}-`)) {
      errors.push({ line, message: `第${line}行：日期不在${year}年内` });
      return;
    }
    if (!kind) {
      errors.push({ line, message: `第${line}行：类型应为「放假」或「上班」，不是「${match[3]}」` });
      return;
    }
    if (name.length > 20) {
      errors.push({ line, message: `第${line}行：名称不能超过20个字` });
      return;
    }
    for (const date of daysBetween(start, end)) {
      const earlier = lineOf.get(date);
      if (earlier !== undefined) {
        errors.push({ line, message: `第${line}行：${date}与第${earlier}行重叠` });
        return;
      }
    }
    for (const date of daysBetween(start, end)) {
      lineOf.set(date, line);
      entries.push({ date, kind, name });
    }
  });
  entries.sort((a, b) => a.date.localeCompare(b.date));
  return { entries, errors };
}

/** How a day of the calendar counts, and where that answer comes from. */
export type CalendarDayKind = 'holiday' | 'makeup' | 'weekend' | 'weekday';
export type CalendarDaySource = 'entered' | 'chinese-days' | 'weekday-rule';

export interface CalendarDayView {
  date: string;
  working: boolean;
  kind: CalendarDayKind;
  name: string | null;
  source: CalendarDaySource;
}

/** GET /api/settings/calendar/:year */
export interface CalendarYearView {
  year: number;
  /** The last year with holiday data (package or entered); later days follow the weekday rule. */
  lastCoveredYear: number;
  /** The calendar's warning from 60 days before its data ends, else null. */
  warning: string | null;
  entries: CalendarEntryInput[];
  days: CalendarDayView[];
}
