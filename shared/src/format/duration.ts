const HOUR_MS = 3600 * 1000;

/**
 * Elapsed time as the manual shows it (历时): whole hours under 24 hours (`N小时`), from 24 hours on
 * days and hours (`X天Y小时`). Negative input (clock skew) counts as zero.
 */
export function formatElapsed(ms: number): string {
  const hours = Math.floor(Math.max(0, ms) / HOUR_MS);
  if (hours < 24) {
    return `${hours}小时`;
  }
  return `${Math.floor(hours / 24)}天${hours % 24}小时`;
}

/** Hours between two instants, as a number with one decimal (for charts and exports). */
export function hoursBetween(from: Date | string, to: Date | string): number {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Math.round((ms / HOUR_MS) * 10) / 10;
}
