import { chinaDateTime } from '@wc/shared';

/** `yyyy-MM-dd HH:mm` in China time, or a dash. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? chinaDateTime(iso) : '—';
}

/** ¥12,345.60 */
export function money(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) {
    return '—';
  }
  const [whole = '0', cents = '00'] = Math.abs(amount).toFixed(2).split('.');
  return `${amount < 0 ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** 1.2 MB */
export function fileSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(0)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const MINUTE = 60_000;

/**
 * Time left until a promised moment, to the minute: `2天3小时15分`, `3小时5分`, `12分钟`; when it
 * has passed, how long ago (`overdue`).
 */
export function timeLeft(dueAt: string, now = Date.now()): { text: string; overdue: boolean } {
  const diff = new Date(dueAt).getTime() - now;
  const minutes = Math.floor(Math.abs(diff) / MINUTE);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const text = days > 0 ? `${days}天${hours}小时${mins}分` : hours > 0 ? `${hours}小时${mins}分` : `${mins}分钟`;
  return { text, overdue: diff < 0 };
}
