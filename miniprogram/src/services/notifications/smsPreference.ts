import type { SmsPreferenceView } from '@wc/shared';
import { request } from '../request';

/** GET /api/notifications/sms-preference — whether I receive progress SMS, and what comes regardless. */
export async function fetchSmsPreference(): Promise<SmsPreferenceView> {
  return (await request<SmsPreferenceView>('/api/notifications/sms-preference')).data;
}

/** PUT /api/notifications/sms-preference — turn progress SMS on or off. */
export async function saveSmsPreference(smsEnabled: boolean): Promise<SmsPreferenceView> {
  return (await request<SmsPreferenceView>('/api/notifications/sms-preference', { method: 'PUT', body: { smsEnabled } })).data;
}
