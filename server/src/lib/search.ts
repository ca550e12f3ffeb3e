/** What staff type into a search box, as SQL LIKE patterns and China calendar days. */

/** Text matched as typed: `%`, `_` and `\` are characters looked for, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const CHINA_OFFSET = '+08:00';
const DAY_MS = 86_400_000;

/** The first instant of a `YYYY-MM-DD` day in China (a date filter's `from`). */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00${CHINA_OFFSET}`);
}

/** The first instant after a `YYYY-MM-DD` day in China (a date filter's `to`, included). */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + DAY_MS);
}
