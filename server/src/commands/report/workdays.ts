import { isWorkingDay, type WorkCalendar } from '../../lib/deadlines';

const DAY_MS = 24 * 3600 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** Whether a China day is worked, each day asked of the calendar once per report. */
export function workingDayCheck(calendar: WorkCalendar): (day: string) => boolean {
  const known = new Map<string, boolean>();
  return (day) => {
    let working = known.get(day);
    if (working === undefined) {
      working = isWorkingDay(day, calendar);
      known.set(day, working);
    }
    return working;
  };
}

/**
 * Working days between two instants: the part of [start, end) that falls on working China days,
 * in days of 24 hours. It is the inverse of the deadlines' rule (3 working days from Friday 10:00
 * end on the third working day at 10:00 — here exactly 3.0): weekends, statutory holidays and
 * entered 放假 days count nothing, 调休 make-up days count.
 */
export function workingDaysBetween(start: Date, end: Date, isWorking: (day: string) => boolean): number {
  let at = start.getTime();
  const stop = end.getTime();
  let worked = 0;
  while (at < stop) {
    const dayStartLocal = Math.floor((at + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS;
    const segmentEnd = Math.min(stop, dayStartLocal + DAY_MS - CHINA_OFFSET_MS);
    if (isWorking(new Date(dayStartLocal).toISOString().slice(0, 10))) {
      worked += segmentEnd - at;
    }
    at = segmentEnd;
  }
  return worked / DAY_MS;
}
