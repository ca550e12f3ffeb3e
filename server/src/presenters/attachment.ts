import { ATTACHMENT_CATEGORIES } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Attachment } from '../models';
import { signedDownloadPath } from '../commands/attachments/downloadLinks';

export interface PresentedAttachment {
  id: number;
  applicationId: number;
  category: string;
  categoryLabel: string;
  displayName: string;
  originalName: string;
  size: number;
  mimeType: string;
  fileKind: string;
  sha256: string;
  uploader: { id: number; name: string } | null;
  createdAt: string;
  /** Not replaced by a newer version. */
  current: boolean;
  /** Taken by an action (listed in its history entry). */
  taken: boolean;
  historyId: number | null;
  /** EXIF capture time of a photo. */
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  /** Short-lived signed links (no login token needed), or null when the viewer may not download. */
  downloadUrl: string | null;
  previewUrl: string | null;
}

const PREVIEWABLE = new Set(['xlsx', 'jpeg', 'png', 'webp', 'pdf']);

export function presentAttachment(
  file: Attachment,
  viewer: AuthUser,
  options: { uploaderName?: string; downloadable: boolean },
): PresentedAttachment {
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
