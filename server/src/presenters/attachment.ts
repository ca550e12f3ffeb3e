import { ATTACHMENT_CATEGORIES, type AttachmentView } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Attachment } from '../models';
import { signedDownloadPath } from '../commands/attachments/downloadLinks';

const PREVIEWABLE = new Set(['xlsx', 'jpeg', 'png', 'webp', 'pdf']);

export function presentAttachment(
  file: Attachment,
  viewer: AuthUser,
  options: { uploaderName?: string; downloadable: boolean },
): AttachmentView {
  return {
    id: file.id,
    applicationId: file.applicationId,
    category: file.category,
    categoryLabel: ATTACHMENT_CATEGORIES[file.category]?.label ?? file.category,
    displayName: file.displayName,
    originalName: file.originalName,
    size: file.size,
    mimeType: file.mimeType,
    fileKind: file.fileKind,
    sha256: file.sha256,
    uploader: file.uploaderUserId ? { id: file.uploaderUserId, name: options.uploaderName ?? '' } : null,
    createdAt: file.createdAt.toISOString(),
    current: file.supersededById === null,
    taken: file.historyId !== null,
    historyId: file.historyId,
    takenAt: file.takenAt ? file.takenAt.toISOString() : null,
    gps: file.gpsLat !== null && file.gpsLng !== null ? { lat: file.gpsLat, lng: file.gpsLng } : null,
    downloadUrl: options.downloadable ? signedDownloadPath(file.id, viewer.id) : null,
    previewUrl: options.downloadable && PREVIEWABLE.has(file.fileKind) ? signedDownloadPath(file.id, viewer.id, 'preview') : null,
  };
}
