import { request } from '../request';
import type { Notice, PageMeta } from '../types';

/** GET /api/notifications — the progress messages already sent to me, newest first. */
export async function listNotices(query: { page?: number; applicationId?: number } = {}): Promise<{ rows: Notice[]; meta: PageMeta }> {
  const { data, meta } = await request<Notice[], PageMeta>('/api/notifications', {
    query: { page: query.page ?? 1, pageSize: 30, applicationId: query.applicationId },
  });
  return { rows: data, meta: meta ?? { page: 1, pageSize: data.length, total: data.length } };
}
