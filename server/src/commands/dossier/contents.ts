import {
  ATTACHMENT_CATEGORIES,
  ATTACHMENT_CATEGORY_KEYS,
  chinaDate,
  type ApplicationDetailView,
  type FileKind,
  type HistoryEntryView,
} from '@wc/shared';
import type { AuthUser } from '../../context';
import { Attachment } from '../../models';
import { attachmentPolicy } from '../../policies/attachment';
import { storage } from '../../storage';
import { loadApplicationDetail, loadHistory } from '../applicationDetail';
import { findVisibleApplication } from '../applicationViews';
import { sanitizeFileName } from '../attachments/fileName';

/** One stored file as it goes into the zip. */
export interface DossierFile {
  id: number;
  /** The path inside the zip: `<类别>/<name>` or `<类别>/历史版本/<name>`. */
  path: string;
  categoryLabel: string;
  displayName: string;
  /** 1, 2, … within a versioned category, oldest first; null for categories without versions. */
  version: number | null;
  current: boolean;
  size: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/** A file not in the zip, and why. */
export interface LeftOutFile {
  categoryLabel: string;
  displayName: string;
  reason: 'forbidden' | 'missing';
}

export interface DossierContents {
  app: ApplicationDetailView;
  history: HistoryEntryView[];
  files: DossierFile[];
  leftOut: LeftOutFile[];
  /** Every file's version number by id (decisions name versions of files that may be left out). */
  versions: Map<number, number>;
}

/** The extension a file's sniffed type has (its real type, not what its uploaded name claimed). */
const EXTENSIONS: Record<FileKind, string> = {
  jpeg: '.jpg',
  png: '.png',
  heic: '.heic',
  webp: '.webp',
  pdf: '.pdf',
  dwg: '.dwg',
  xlsx: '.xlsx',
  xls: '.xls',
};

const HISTORY_FOLDER = '历史版本';

/** `给水工程预算书` + `.xlsx`; a display name already ending in the extension keeps it once. */
function splitName(displayName: string, kind: FileKind): { stem: string; ext: string } {
  const ext = EXTENSIONS[kind];
  const stem = displayName.toLowerCase().endsWith(ext) ? displayName.slice(0, -ext.length) : displayName;
  return { stem: stem.trim() || '附件', ext };
}

/** Paths are unique whatever the case (Windows' and macOS's unzip fold case): `名称（2）.pdf` for the second. */
function uniquePath(folder: string, stem: string, ext: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const name = sanitizeFileName(`${stem}${n === 1 ? '' : `（${n}）`}${ext}`);
    const candidate = `${folder}/${name}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

/**
 * What an application's dossier holds for this viewer: the detail and 报装记录 as the staff page
 * shows them to the viewer, and every file the viewer may download — current files by category,
 * superseded versions under `历史版本/` with their version and upload date in the name. Files the
 * viewer's role may not download, or that storage no longer has, are left out and named.
 */
export async function loadDossierContents(user: AuthUser, id: number): Promise<DossierContents> {
  const app = await findVisibleApplication(user, id);
  const [detail, history, all] = await Promise.all([
    loadApplicationDetail(user, id),
    loadHistory(user, id),
    Attachment.findAll({ where: { applicationId: app.id }, order: [['id', 'ASC']] }),
  ]);

  const versions = new Map<number, number>();
  const counts = new Map<string, number>();
  for (const file of all) {
    if (ATTACHMENT_CATEGORIES[file.category].versioned) {
      const n = (counts.get(file.category) ?? 0) + 1;
      counts.set(file.category, n);
      versions.set(file.id, n);
    }
  }

  const taken = new Set<string>();
  const files: DossierFile[] = [];
  const leftOut: LeftOutFile[] = [];
  for (const category of ATTACHMENT_CATEGORY_KEYS) {
    const label = ATTACHMENT_CATEGORIES[category].label;
    const folder = sanitizeFileName(label);
    const ofCategory = all.filter((f) => f.category === category);
    // Current files first, then the versions they replaced: the folder reads as the case stands now.
    const ordered = [...ofCategory.filter((f) => f.supersededById === null), ...ofCategory.filter((f) => f.supersededById !== null)];
    for (const file of ordered) {
      if (attachmentPolicy.read(user, app, file) !== 'allowed') {
        leftOut.push({ categoryLabel: label, displayName: file.displayName, reason: 'forbidden' });
        continue;
      }
      if (!(await storage().exists(file.storageKey))) {
        leftOut.push({ categoryLabel: label, displayName: file.displayName, reason: 'missing' });
        continue;
      }
      const current = file.supersededById === null;
      const version = versions.get(file.id) ?? null;
      const { stem, ext } = splitName(file.displayName, file.fileKind);
      const path = current
        ? uniquePath(folder, stem, ext, taken)
        : uniquePath(`${folder}/${HISTORY_FOLDER}`, `${stem}（第${version ?? '?'}版 ${chinaDate(file.createdAt)}）`, ext, taken);
      files.push({
        id: file.id,
        path,
        categoryLabel: label,
        displayName: file.displayName,
        version,
        current,
        size: file.size,
        sha256: file.sha256,
        storageKey: file.storageKey,
        createdAt: file.createdAt,
      });
    }
  }
  return { app: detail, history, files, leftOut, versions };
}
