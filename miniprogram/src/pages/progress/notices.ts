import type { ApplicationNotificationView } from '@wc/shared';
import { request } from '../../services/request';

/** GET /api/applications/:id/notifications — what I was told about this application, on which channel, delivered or why not. */
export async function getNotices(id: number): Promise<ApplicationNotificationView[]> {
  const { data } = await request<ApplicationNotificationView[]>(`/api/applications/${id}/notifications`);
  return data;
}
