/**
 * China has one time zone (UTC+8) and no daylight saving time, so a fixed offset is exact.
 * Everything shown to people and every day boundary (application numbers, working days) uses it,
 * whatever the server's own TZ is.
 */
const OFFSET_MS = 8 * 3600 * 1000;

interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function chinaParts(date: Date): ChinaParts {
  const shifted = new Date(date.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyyMMdd` of the China calendar day. */
export function chinaDayKey(date: Date): string {
  const p = chinaParts(date);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}

/** `yyyy-MM-dd` of the China calendar day. */
export function chinaDate(date: Date): string {
  const p = chinaParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `yyyy-MM-dd HH:mm`, as the manual's tables show 申请时间. */
export function chinaDateTime(date: Date | string): string {
  const p = chinaParts(typeof date === 'string' ? new Date(date) : date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
