import type { CalendarEntryInput, CalendarImportView, CalendarYearView } from '@wc/shared';
import { request, uploadFile } from '../../../request';

/** GET /api/settings/calendar/:year — each day of the year with its kind and where the answer comes from. */
export function fetchCalendarYear(year: number) {
  return request<CalendarYearView>(`/settings/calendar/${year}`);
}

/** PUT /api/settings/calendar/:year — replace the year's 放假 and 调休上班 days (running due times follow). */
export function saveCalendarYear(year: number, entries: CalendarEntryInput[]) {
  return request<CalendarYearView>(`/settings/calendar/${year}`, { method: 'PUT', body: { entries } });
}

/** POST /api/settings/calendar/import — an Excel sheet read into paste-box lines (nothing saved). */
export async function importCalendarSheet(file: File): Promise<CalendarImportView> {
  return (await uploadFile('/settings/calendar/import', {}, file, () => undefined).promise) as CalendarImportView;
}
