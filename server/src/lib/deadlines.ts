import { findWorkday } from 'chinese-days';
import type { Threshold } from '@wc/shared';

const HOUR_MS = 3600 * 1000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** `YYYY-MM-DD` of the China calendar day of an instant. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * When a step entered at `enteredAt` becomes overdue. Working days skip weekends and Chinese
 * statutory holidays and count 调休 make-up Saturdays (chinese-days data); the time of day is kept,
 * so 3 working days from Friday 10:00 before a holiday week ends on the 3rd working day at 10:00.
 */
export function dueAt(enteredAt: Date, threshold: Threshold | null): Date | null {
  if (!threshold || threshold.value <= 0) {
    return null;
  }
  if (threshold.unit === 'hours') {
    return new Date(enteredAt.getTime() + threshold.value * HOUR_MS);
  }
  const whole = Math.floor(threshold.value);
  const fraction = threshold.value - whole;
  const day = chinaDay(enteredAt);
  const target = whole > 0 ? findWorkday(whole, day) : day;
  const timeOfDay = (enteredAt.getTime() + CHINA_OFFSET_MS) % (24 * HOUR_MS);
  const targetMidnightUtc = Date.parse(`${target}T00:00:00Z`) - CHINA_OFFSET_MS;
  return new Date(targetMidnightUtc + timeOfDay + fraction * 24 * HOUR_MS);
}
