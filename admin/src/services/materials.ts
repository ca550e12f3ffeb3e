import type { MaterialSettings } from '@wc/shared';
import { request } from '../request';

/** GET /api/settings/materials — which papers each kind's application form asks for. */
export function fetchMaterialSettings(signal?: AbortSignal) {
  return request<MaterialSettings>('/settings/materials', { signal });
}

/** PUT /api/settings/materials — replace the setting (administrators; audited). */
export function saveMaterialSettings(settings: MaterialSettings) {
  return request<MaterialSettings>('/settings/materials', { method: 'PUT', body: settings });
}
