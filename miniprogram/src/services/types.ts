import type { AttachmentCategory, FileKind } from '@wc/shared';

/** Shapes of the API replies the applicant pages read (docs/api.md). */

export interface User {
  id: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  applicantKind: 'enterprise' | 'resident' | null;
  phone: string | null;
  roles: string[];
  roleLabels: string[];
  enabled: boolean;
  wechatBound: boolean;
  createdAt: string;
}

export interface TokenReply {
  token: string;
  expiresAt: string;
  user: User;
}

/** Applications, their steps, step map and history: declared once in the shared package. */
export type {
  AvailableAction,
  ApplicationView as Application,
  StepView as Step,
  StepMapItem,
  ApplicationDetailView as ApplicationDetail,
  HistoryEntryView as HistoryEntry,
  PageMeta,
} from '@wc/shared';

/** A file version the applicant's decision was about, as recorded in the history payload. */
export interface DecidedFile {
  attachmentId: number;
  sha256: string;
  displayName: string;
}

export interface Attachment {
  id: number;
  applicationId: number;
  category: AttachmentCategory;
  categoryLabel: string;
  displayName: string;
  originalName: string;
  size: number;
  mimeType: string;
  fileKind: FileKind;
  sha256: string;
  createdAt: string;
  current: boolean;
  /** Short-lived signed links (no token needed), null when this user may not download the file. */
  downloadUrl: string | null;
  previewUrl: string | null;
  /** When the client fetched it (the signed links expire): set by the attachments service. */
  fetchedAt: number;
}

/** Cells as read from the workbook: numbers where the sheet has numbers, text otherwise. */
export type SheetValue = string | number | null;

export interface BudgetItem {
  name: string;
  spec: SheetValue;
  unit: SheetValue;
  quantity: SheetValue;
  price: SheetValue;
  amount: SheetValue;
}

/** GET /api/attachments/:id/preview of a budget workbook. */
export interface BudgetPreview {
  attachmentId: number;
  displayName: string;
  sheet: string;
  header: string[];
  /** The first rows as text, for workbooks whose layout the server does not recognise. */
  rows: SheetValue[][];
  items: BudgetItem[];
  total: SheetValue;
  /** The total entered in the workflow, and whether the workbook's total agrees with it. */
  budgetTotal: number | null;
  matchesBudgetTotal: boolean | null;
}

/** A progress message already sent to the applicant (GET /api/notifications). */
export interface Notice {
  id: number;
  event: string;
  title: string;
  text: string;
  number: string | null;
  applicationId: number | null;
  at: string;
  /** Pushed through WeChat too (小程序订阅消息, 公众号模板消息), or shown in the app only. */
  pushed: boolean;
  channelLabel: string | null;
}
