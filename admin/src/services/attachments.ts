import type { AttachmentCategory } from '../labels';
import { fetchFile, request, saveBlob, uploadFile, type UploadHandle } from '../request';
import type { Attachment, BudgetPreview } from '../types';

/** GET /api/applications/:id/attachments — the files of an application, newest first. */
export function listAttachments(applicationId: number, signal?: AbortSignal) {
  return request<Attachment[]>(`/applications/${applicationId}/attachments`, { signal });
}

/** POST /api/applications/:id/attachments — one file with its category and meaningful name (multipart, progress). */
export function uploadAttachment(
  applicationId: number,
  category: AttachmentCategory,
  displayName: string,
  file: File,
  onProgress: (percent: number) => void,
): UploadHandle {
  return uploadFile(`/applications/${applicationId}/attachments`, { category, displayName }, file, onProgress);
}

/** How long the server's signed links are trusted here (they live 15 minutes). */
const SIGNED_LINK_MS = 10 * 60 * 1000;

/**
 * GET /api/attachments/:id/download — saves the file. A fresh signed link lets the browser download
 * it itself (also from OSS, which a script may not fetch); otherwise the file comes with the token.
 */
export async function downloadAttachment(
  id: number,
  fallbackName: string,
  signed?: { url: string | null; listedAt: number },
): Promise<void> {
  if (signed?.url && Date.now() - signed.listedAt < SIGNED_LINK_MS) {
    const link = document.createElement('a');
    link.href = signed.url;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  const { blob, filename } = await fetchFile(`/attachments/${id}/download`);
  saveBlob(blob, filename === 'download' ? fallbackName : filename);
}

/** GET /api/attachments/:id/preview — a photo as a Blob (shown through an object URL). */
export async function previewImage(id: number): Promise<Blob> {
  return (await fetchFile(`/attachments/${id}/preview`)).blob;
}

/** GET /api/attachments/:id/preview — a budget workbook read by the server: items and total. */
export function previewBudget(id: number, signal?: AbortSignal) {
  return request<BudgetPreview>(`/attachments/${id}/preview`, { signal });
}
