import type { AttachmentCategory, FileKind } from '../attachments';
import type { ApplicantKind, Channel, WaterType } from '../domain';
import type { StaffRole } from '../roles';
import type { DispatchSheet } from '../workflow/inputs';
import type { Threshold } from '../workflow/thresholds';
import type { AvailableAction } from '../workflow/transition';
import type { Clock, OwnerStatus, StateKey } from '../workflow/types';

/**
 * The JSON the API answers with (applications and their history, files, users, notifications),
 * declared once: the server's presenters build exactly these, and the staff page and the mini
 * program read them.
 */

/** Where an application stands now, with both clocks' view of the step. */
export interface StepView {
  state: StateKey;
  label: string;
  /** What the applicant is told is happening now. */
  customerLabel: string;
  enteredAt: string;
  elapsedMs: number;
  /** 历时: `N小时` under a day, `X天Y小时` from a day on. */
  elapsedText: string;
  clock: Clock;
  threshold: Threshold | null;
  dueAt: string | null;
  /** Past the threshold on the utility's clock: shown in red. */
  overdue: boolean;
  handlerRole: string | null;
  handlerLabel: string | null;
  assignee: { id: number; name: string } | null;
  contractStage: { position: number; name: string; count: number } | null;
}

/** An application as lists and the detail show it; phones and credit codes masked for most viewers. */
export interface ApplicationView {
  id: number;
  number: string;
  kind: ApplicantKind;
  kindLabel: string;
  channel: Channel;
  channelLabel: string;
  name: string;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string;
  address: string;
  waterAddress: string;
  waterType: WaterType;
  waterTypeLabel: string;
  buildingArea: number;
  createdAt: string;
  state: StateKey;
  stateLabel: string;
  terminal: boolean;
  workflowVersion: number;
  /** Sent back with every action: a stale version is refused with 409. */
  version: number;
  step: StepView;
  paid: boolean;
  unpaidApproved: boolean;
  hadVisaOrChange: boolean;
  budgetTotal: number | null;
  finalAmount: number | null;
  utilityMs: number;
  customerMs: number;
  completedAt: string | null;
  applicantUserId: number | null;
  /** What this viewer may do now: the only source of the clients' action buttons. */
  availableActions: AvailableAction[];
}

export interface StepMapItem {
  state: StateKey;
  label: string;
  status: 'done' | 'current' | 'upcoming';
  /** Time spent in the step so far (all visits), on its own clock. */
  durationMs: number;
  durationText: string;
  clock: Clock;
}

export interface StepMapView {
  steps: StepMapItem[];
  /** The current state when it is off the main path (returned, contract rejected, leader approval…). */
  detour: { state: StateKey; label: string } | null;
}

export interface ContractView {
  number: string;
  name: string | null;
  place: string | null;
  partyA: string | null;
  partyB: string | null;
  amount: number | null;
  settlementAmount: number | null;
  ownerStatus: OwnerStatus;
  stages: { name: string; role: StaffRole }[];
  submittedAt: string | null;
}

export interface PaymentView {
  amount: number;
  paidOn: string;
  receiptNo?: string;
}

/** GET /api/applications/:id: the application with its step map, contract, sheet and payment. */
export interface ApplicationDetailView extends ApplicationView {
  stepMap: StepMapView;
  contract: ContractView | null;
  /** Staff only (null for applicants). */
  dispatchSheet: DispatchSheet | null;
  payment: PaymentView | null;
  /** Staff only (empty for applicants): who was chosen for later steps. */
  assignees: Partial<Record<StateKey, number>>;
}

/** One line of 报装记录: who, in which role, when, from → to, comment, files and the step's duration. */
export interface HistoryEntryView {
  id: number;
  seq: number;
  action: string;
  actionLabel: string;
  fromState: StateKey | null;
  fromLabel: string | null;
  toState: StateKey;
  toLabel: string;
  /** `id` is null for applicants: they see who acted, not the staff account. */
  actor: { id: number | null; name: string | null; role: string | null; roleLabel: string | null };
  comment: string | null;
  attachments: { id: number; displayName: string; category: AttachmentCategory; categoryLabel: string }[];
  payload: Record<string, unknown>;
  at: string;
  stepStartedAt: string | null;
  durationMs: number;
  durationText: string;
  clock: Clock;
  newStep: boolean;
}

/** The `meta` of a paged list reply. */
export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
  /** The application list stops counting at 10,000: `total` is then a lower bound ("10000+"). */
  totalCapped?: boolean;
}

/** A stored file as lists, uploads and the archive search show it (the file itself is behind the links). */
export interface AttachmentView {
  id: number;
  applicationId: number;
  category: AttachmentCategory;
  categoryLabel: string;
  displayName: string;
  originalName: string;
  size: number;
  mimeType: string;
  /** What the content really is (from its first bytes, never from its name). */
  fileKind: FileKind;
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

/** One line of a budget workbook: figures are null when the cell holds no number. */
export interface BudgetItemView {
  name: string;
  spec: string;
  unit: string;
  quantity: number | null;
  price: number | null;
  amount: number | null;
}

/** A budget workbook (.xlsx) read into a table a phone can show. */
export interface BudgetSheetView {
  sheet: string;
  /** The header row as found in the workbook (empty when no header was recognised). */
  header: string[];
  items: BudgetItemView[];
  /** The 合计/总计 row's amount, or the sum of the items when the workbook has no total row. */
  total: number | null;
  /** The first rows as text, for workbooks whose layout is not recognised. */
  rows: string[][];
}

/** GET /api/attachments/:id/preview of a budget workbook: the sheet beside the total entered in the workflow. */
export interface BudgetPreviewView extends BudgetSheetView {
  attachmentId: number;
  displayName: string;
  sha256: string;
  /** Not replaced by a newer version. */
  current: boolean;
  /** The budget total entered in the workflow (only for the 预算书 category, else null). */
  budgetTotal: number | null;
  /** Whether the workbook's total agrees with it; null when either is missing. */
  matchesBudgetTotal: boolean | null;
}

/** A user as the API shows it; phone numbers in full only to the user and to administrators. */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  applicantKind: ApplicantKind | null;
  phone: string | null;
  roles: StaffRole[];
  roleLabels: string[];
  enabled: boolean;
  wechatBound: boolean;
  /** Set while wrong passwords keep the account locked. */
  lockedUntil: string | null;
  createdAt: string;
}

/** GET /api/users for staff who are not administrators: colleagues to pick (administrators get {@link UserView}). */
export type StaffSummaryView = Pick<UserView, 'id' | 'displayName' | 'roles' | 'roleLabels'>;

/** The reply of a login, a registration, a password change or a token refresh. */
export interface LoginReplyView {
  token: string;
  expiresAt: string;
  user: UserView;
}

/** The reply of a WeChat login (mini program, or a ticket from the web login). */
export interface WechatLoginReplyView extends LoginReplyView {
  /** The applicant was created by this login. */
  isNew: boolean;
  privacyAgreed: boolean;
}

/** GET /api/notifications: a message in the user's own timeline (applicant: progress; staff: alerts). */
export interface NoticeView {
  id: number;
  event: string;
  title: string;
  text: string;
  /** The application's number, name and state label when the message was written. */
  number: string | null;
  name: string | null;
  stateLabel: string | null;
  applicationId: number | null;
  at: string;
  /** Pushed through WeChat too, or shown in the app only. */
  pushed: boolean;
  /** The WeChat channel it went through (`mp_subscribe`, `oa_template`, `staff_group`), when pushed. */
  channel: string | null;
  channelLabel: string | null;
}

/** Where a notification stands: `recorded` = shown in the app only; `failed` = never resent automatically. */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'recorded' | 'failed';

/**
 * The result of one attempt to deliver a notification on one WeChat channel:
 * - `pending`: recorded, the request may be on its way (left so by a sender that died: delivery unknown)
 * - `sent`: WeChat accepted it
 * - `refused`: WeChat answered with an error: not delivered
 * - `error`: the request never reached WeChat (connection refused…): not delivered
 * - `uncertain`: sent, but no answer (timeout, reset, sender died): never resent automatically
 */
export type DeliveryOutcome = 'pending' | 'sent' | 'refused' | 'error' | 'uncertain';

/** GET /api/admin/notifications: every notification with its delivery state and WeChat's error code. */
export interface SentNotificationView extends NoticeView {
  audience: 'applicant' | 'staff';
  recipient: { id: number; name: string } | null;
  /** The role a staff alert was addressed to, when nobody was assigned. */
  role: string | null;
  status: NotificationStatus;
  statusLabel: string;
  /** The channel last tried, whatever the outcome (the timeline's shows only a successful one). */
  channel: string | null;
  channelLabel: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** WeChat's error code of the latest attempt. */
  errorCode: number | null;
  lastAttempt: {
    channel: string;
    outcome: DeliveryOutcome;
    errorCode: number | null;
    errorMessage: string | null;
    at: string;
  } | null;
  sentAt: string | null;
  createdAt: string;
}

/** The `meta` of GET /api/admin/notifications: the page, and how many notifications are in each status. */
export interface SentNotificationsMeta extends PageMeta {
  byStatus: { status: NotificationStatus; label: string; count: number }[];
}
