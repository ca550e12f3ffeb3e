import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '@wc/shared';
import type { DecidedFile, HistoryEntry } from '../../services/types';

/** The attachment categories whose version a confirmation names (the server records each in the history payload). */
const DECIDED_CATEGORIES: AttachmentCategory[] = [
  'budget',
  'construction_drawing_pdf',
  'construction_drawing',
  'design_change',
  'change_budget',
];

function isDecidedFile(value: unknown): value is DecidedFile {
  const v = value as Partial<DecidedFile> | null;
  return !!v && typeof v.attachmentId === 'number' && typeof v.displayName === 'string';
}

export interface Decision {
  category: AttachmentCategory;
  label: string;
  file: DecidedFile;
  confirmed: boolean;
}

export function decisions(entry: HistoryEntry): Decision[] {
  if (typeof entry.payload.confirmed !== 'boolean') {
    return [];
  }
  const confirmed = entry.payload.confirmed;
  return DECIDED_CATEGORIES.flatMap((category) => {
    const file = entry.payload[category];
    return isDecidedFile(file) ? [{ category, label: ATTACHMENT_CATEGORIES[category].label, file, confirmed }] : [];
  });
}
