import type { CalendarEntryKind } from '@wc/shared';
import {
  CHINESE_DAYS_LAST_YEAR,
  NO_ENTRIES,
  calendarWarning,
  describeDay,
  dueAt,
  isWorkingDay,
  lastCoveredYear,
  type WorkCalendar,
} from '../../src/lib/deadlines';

const china = (local: string) => new Date(`${local}+08:00`);

describe('due time of a step', () => {
  it('adds natural hours', () => {
    expect(dueAt(china('2026-11-27T10:00:00'), { value: 24, unit: 'hours' })).toEqual(china('2026-11-28T10:00:00'));
  });

  it('skips the National Day holiday when counting working days', () => {
    expect(dueAt(china('2026-09-30T10:00:00'), { value: 1, unit: 'workdays' })).toEqual(china('2026-10-08T10:00:00'));
  });

  it('counts a 调休 Saturday as a working day', () => {
    expect(dueAt(china('2026-10-09T16:30:00'), { value: 1, unit: 'workdays' })).toEqual(china('2026-10-10T16:30:00'));
    expect(dueAt(china('2026-09-30T09:00:00'), { value: 3, unit: 'workdays' })).toEqual(china('2026-10-10T09:00:00'));
  });

  it('skips an ordinary weekend', () => {
    expect(dueAt(china('2026-11-27T11:00:00'), { value: 1, unit: 'workdays' })).toEqual(china('2026-11-30T11:00:00'));
  });

  it('has no due time without a threshold', () => {
    expect(dueAt(china('2026-11-27T11:00:00'), null)).toBeNull();
  });
});

describe('due time on the utility’s own calendar', () => {
  // 春节 2027 as the test chooses it: Saturday 02-06 … Friday 02-12 off, make-up working days on
  // Sunday 02-14 and Saturday 02-20.
  const spring2027: WorkCalendar = new Map<string, CalendarEntryKind>([
    ...['06', '07', '08', '09', '10', '11', '12'].map((d): [string, CalendarEntryKind] => [`2027-02-${d}`, 'holiday']),
    ['2027-02-14', 'workday'],
    ['2027-02-20', 'workday'],
  ]);

  it('knows which year chinese-days’ data ends with', () => {
    expect(CHINESE_DAYS_LAST_YEAR).toBe(2026);
  });

  it('skips the entered 春节 week and counts its make-up Sunday', () => {
    // Friday 02-05 + 3 working days: 02-14 (Sunday, make-up), 02-15, 02-16.
    expect(dueAt(china('2027-02-05T10:00:00'), { value: 3, unit: 'workdays' }, spring2027)).toEqual(china('2027-02-16T10:00:00'));
    expect(dueAt(china('2027-02-19T15:00:00'), { value: 1, unit: 'workdays' }, spring2027)).toEqual(china('2027-02-20T15:00:00'));
  });

  it('counts ordinary weekdays in a year nobody entered', () => {
    expect(dueAt(china('2027-02-05T10:00:00'), { value: 3, unit: 'workdays' })).toEqual(china('2027-02-10T10:00:00'));
    expect(dueAt(china('2027-02-19T15:00:00'), { value: 1, unit: 'workdays' }, NO_ENTRIES)).toEqual(china('2027-02-22T15:00:00'));
  });

  it('lets entered days override chinese-days', () => {
    const entered: WorkCalendar = new Map<string, CalendarEntryKind>([
      ['2026-10-08', 'holiday'],
      ['2026-11-28', 'workday'],
    ]);
    expect(dueAt(china('2026-09-30T10:00:00'), { value: 1, unit: 'workdays' }, entered)).toEqual(china('2026-10-09T10:00:00'));
    expect(dueAt(china('2026-11-27T11:00:00'), { value: 1, unit: 'workdays' }, entered)).toEqual(china('2026-11-28T11:00:00'));
    expect(isWorkingDay('2026-10-10', entered)).toBe(true); // chinese-days' own 调休 Saturday still counts
  });

  it('describes each day with its source', () => {
    expect(describeDay('2026-10-01', NO_ENTRIES)).toMatchObject({
      working: false,
      kind: 'holiday',
      name: '国庆节',
      source: 'chinese-days',
    });
    expect(describeDay('2027-02-14', spring2027, new Map([['2027-02-14', '春节调休']]))).toEqual({
      date: '2027-02-14',
      working: true,
      kind: 'makeup',
      name: '春节调休',
      source: 'entered',
    });
    expect(describeDay('2027-02-13', NO_ENTRIES)).toMatchObject({ working: false, kind: 'weekend', source: 'weekday-rule' });
  });
});

describe('the calendar’s warning', () => {
  it('warns from 60 days before the data ends, in Chinese', () => {
    expect(calendarWarning(china('2026-11-01T23:00:00'), 2026)).toBeNull();
    expect(calendarWarning(china('2026-11-02T00:00:00'), 2026)).toContain('工作日历只到2026年底');
    expect(calendarWarning(china('2027-03-01T00:00:00'), 2026)).toContain('录入2027年');
    expect(calendarWarning(china('2026-12-06T00:00:00'), lastCoveredYear(2027))).toBeNull();
    expect(lastCoveredYear(null)).toBe(CHINESE_DAYS_LAST_YEAR);
  });
});
