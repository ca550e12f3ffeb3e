import type { AttachmentCategory, FileKind, StateKey } from '@wc/shared';

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

export interface AvailableAction {
  key: string;
  label: string;
  tone: 'primary' | 'default' | 'danger';
  commentRequired: boolean;
  uploads: { category: AttachmentCategory; required: boolean }[];
  blockedBy: string | null;
}

export interface Step {
  state: StateKey;
  label: string;
  customerLabel: string;
  enteredAt: string;
  elapsedMs: number;
  elapsedText: string;
  clock: 'utility' | 'customer' | 'none';
  dueAt: string | null;
  overdue: boolean;
  handlerRole: string | null;
  handlerLabel: string | null;
  assignee: { id: number; name: string } | null;
  contractStage: { position: number; name: string; count: number } | null;
}

export interface Application {
  id: number;
  number: string;
  kind: 'enterprise' | 'resident';
  kindLabel: string;
  channel: 'window' | 'online';
  channelLabel: string;
  name: string;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string;
  address: string;
  waterAddress: string;
  waterType: 'construction' | 'permanent' | 'capacity';
  waterTypeLabel: string;
  buildingArea: number;
  createdAt: string;
  state: StateKey;
  stateLabel: string;
  terminal: boolean;
  version: number;
  step: Step;
  paid: boolean;
  budgetTotal: number | null;
  finalAmount: number | null;
  completedAt: string | null;
  availableActions: AvailableAction[];
}

export interface StepMapItem {
  state: StateKey;
  label: string;
  status: 'done' | 'current' | 'upcoming';
  durationMs: number;
  durationText: string;
  clock: 'utility' | 'customer' | 'none';
}

export interface ApplicationDetail extends Application {
  stepMap: { steps: StepMapItem[]; detour: { state: StateKey; label: string } | null };
  contract: { number: string; name: string | null; amount: number | null; settlementAmount: number | null } | null;
  payment: { amount: number; paidOn: string; receiptNo?: string | null } | null;
}

/** A file version the applicant's decision was about, as recorded in the history payload. */
export interface DecidedFile {
  attachmentId: number;
  sha256: string;
  displayName: string;
}

export interface HistoryEntry {
  id: number;
  seq: number;
  action: string;
  actionLabel: string;
  fromState: string | null;
  fromLabel: string | null;
  toState: string;
  toLabel: string;
  actor: { name: string | null; role: string | null; roleLabel: string | null };
  comment: string | null;
  attachments: { id: number; displayName: string; category: AttachmentCategory; categoryLabel: string }[];
  payload: Record<string, unknown>;
  at: string;
  durationMs: number;
  durationText: string;
  clock: string;
  newStep: boolean;
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

export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
}
