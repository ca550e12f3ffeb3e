import { request } from '../../../request';
import type { PageMeta } from '../../../types';

/** One notification as the notifications owner ([F6]) presents it; fields beyond the outbox's are optional. */
export interface SentNotification {
  id: number;
  applicationId: number | null;
  applicationNumber?: string | null;
  event: string;
  title?: string | null;
  text?: string | null;
  audience: 'applicant' | 'staff';
  recipient?: { id: number; name: string } | null;
  channel: string | null;
  status: 'pending' | 'sending' | 'sent' | 'recorded' | 'failed';
  attempts: number;
  lastError?: string | null;
  errorCode?: string | number | null;
  sentAt: string | null;
  createdAt: string;
}

/** GET /api/admin/notifications — every sent, recorded or failed notification, newest first. */
export function fetchNotifications(query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal) {
  return request<SentNotification[], PageMeta>('/admin/notifications', { query, signal });
}
