import type { SmsSettingsView, SmsTemplateInput, SmsTemplateKey } from '@wc/shared';
import { request } from '../../../request';

/** GET /api/settings/sms-templates — every message that can go by SMS, with its template if set. */
export function fetchSmsSettings(signal?: AbortSignal) {
  return request<SmsSettingsView>('/settings/sms-templates', { signal });
}

/** PUT /api/settings/sms-templates/:key — set one message's template (administrators; audited). */
export function saveSmsTemplate(key: SmsTemplateKey, input: SmsTemplateInput) {
  return request<SmsSettingsView>(`/settings/sms-templates/${key}`, { method: 'PUT', body: input });
}

/** DELETE /api/settings/sms-templates/:key — stop sending this message by SMS. */
export function removeSmsTemplate(key: SmsTemplateKey) {
  return request<SmsSettingsView>(`/settings/sms-templates/${key}`, { method: 'DELETE' });
}
