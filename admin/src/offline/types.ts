/**
 * One action recorded on the phone without a connection (the 待上传 queue). Plain data and Blobs
 * only: it is stored in IndexedDB as it is, and a Node script can replay the same shape.
 */

/** waiting: to send; sending: a try began (a reload resumes it); refused: the server said no (kept for the person). */
export type EntryStatus = 'waiting' | 'sending' | 'refused';

export interface QueuedFile {
  /** The bytes as they will be sent (photos already shrunk on the phone). */
  blob: Blob;
  /** The file name sent with the bytes. */
  fileName: string;
  /** The meaningful name the archive shows (「SQ… 完工照片 (2)」). */
  displayName: string;
  category: string;
  categoryLabel: string;
  /** One key for every try of this file: a try whose answer was lost is not stored twice. */
  idempotencyKey: string;
  /** Set once the server stored the file, so a later try does not send it again. */
  attachmentId: number | null;
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export interface QueueEntry {
  /** IndexedDB's increasing key: the order the person recorded their actions in. */
  id?: number;
  createdAt: string;
  applicationId: number;
  applicationNumber: string;
  applicationName: string;
  actionKey: string;
  actionLabel: string;
  /** The action's input without `version` (comment, fields). */
  body: Record<string, unknown>;
  files: QueuedFile[];
  /** One key for every try of the action. */
  idempotencyKey: string;
  /** The application version the person saw; null after 重试 of a refused entry (take the current one). */
  expectedVersion: number | null;
  seenState: string;
  seenStateLabel: string;
  status: EntryStatus;
  refusal: Refusal | null;
}
