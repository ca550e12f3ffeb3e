import type { BillingColumn, BillingExportFormat } from '@wc/shared';
import { fetchFile, request, saveBlob } from '../../../request';

/** GET /api/settings/billing-export — 立户导出的列：列名、是否导出、顺序. */
export function fetchBillingColumns(signal?: AbortSignal) {
  return request<BillingColumn[]>('/settings/billing-export', { signal });
}

/** PUT /api/settings/billing-export — replace the columns (administrators; audited). */
export function saveBillingColumns(columns: BillingColumn[]) {
  return request<BillingColumn[]>('/settings/billing-export', { method: 'PUT', body: { columns } });
}

/** GET /api/exports/billing.csv|.xlsx — the completed applications in the range, saved as a file; returns its name. */
export async function exportBilling(format: BillingExportFormat, from: string, to: string): Promise<string> {
  const { blob, filename } = await fetchFile(`/exports/billing.${format}`, { from, to });
  const name = filename === 'download' ? `立户导出.${format}` : filename;
  saveBlob(blob, name);
  return name;
}
