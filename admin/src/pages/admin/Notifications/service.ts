import { request } from '../../../request';
import type { SentNotification, SentNotificationsMeta } from '../../../types';

/** GET /api/admin/notifications — every sent, recorded or failed notification, newest first. */
export function fetchNotifications(query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal) {
  return request<SentNotification[], SentNotificationsMeta>('/admin/notifications', { query, signal });
}
