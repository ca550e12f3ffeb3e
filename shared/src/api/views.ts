import type { AttachmentCategory, FileKind } from '../attachments';
import type { ApplicantKind, Channel, WaterType } from '../domain';
import type { StaffRole } from '../roles';
import type { DispatchSheet } from '../workflow/inputs';
import type { MeterRecord } from '../workflow/meter';
import type { Threshold, ThresholdUnit } from '../workflow/thresholds';
import type { Milestone } from '../workflow/catalogue';
import type { AvailableAction } from '../workflow/transition';
import type { Clock, FlowKey, OwnerStatus, Route, StateKey } from '../workflow/types';
import type { RatingView } from '../rating';

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

/** Print-outs of an application in the staff page: 派工单, 预算书, 施工图设计书. */
export type PrintForm = 'dispatchSheet' | 'budget' | 'design';

/**
 * What the viewer may do with an application besides workflow actions, decided by the same policy
 * functions that the routes enforce: clients show these buttons only when the flag is set.
 */
export interface ApplicationPermissions {
  /** 修改申请: correct the form (PATCH /api/applications/:id), while it is returned. */
  edit: boolean;
  /** 转交: hand the current step to a colleague (POST /api/applications/:id/transfer). */
  transfer: boolean;
  /** The print-outs there is something to print for, made of what the viewer may read. */
  print: PrintForm[];
  /** 其他资料: file a document of category `other` (POST /api/applications/:id/attachments). */
  uploadOther: boolean;
  /** 申请材料: file the application's papers (营业执照, 产权证明 …), e.g. scanned at the window or the review. */
  uploadMaterials: boolean;
  /** 发送认领短信: text the customer of a counter application nobody has claimed a link to claim it (POST /api/applications/:id/claim-sms). */
  sendClaimSms: boolean;
  /**
   * 导出数据: the export includes this application (GET /api/exports/applications.xlsx), and its
   * dossier — summary PDF and files as a zip — may be exported (GET /api/applications/:id/dossier.zip).
   */
  export: boolean;
  /** 评价服务: the applicant rates the completed application, once (POST /api/applications/:id/rating). */
  rate: boolean;
}

/** What the viewer may do with the list as a whole. */
export interface ApplicationListPermissions {
  /** 导出数据 of the filtered list. */
  export: boolean;
}

/** The `meta` of GET /api/applications. */
export interface ApplicationListMeta extends PageMeta {
  permissions: ApplicationListPermissions;
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
  /** 用水口径 (DN) and 是否涉及外线工程; null where the form did not ask (older applications) or left it open. */
  caliber: number | null;
  externalWorks: boolean | null;
  createdAt: string;
  state: StateKey;
  stateLabel: string;
  terminal: boolean;
  workflowVersion: number;
  /** The route its flow version takes (标准流程 / 快速通道), as the server reads it from the definition. */
  route: Route;
  routeLabel: string;
  /** Sent back with every action: a stale version is refused with 409. */
  version: number;
  step: StepView;
  paid: boolean;
  unpaidApproved: boolean;
  hadVisaOrChange: boolean;
  budgetTotal: number | null;
  finalAmount: number | null;
  /** What the customer is asked to pay at 缴费: the contract's amount, else the confirmed budget's; null when unknown. */
  amountDue: number | null;
  utilityMs: number;
  customerMs: number;
  completedAt: string | null;
  applicantUserId: number | null;
  /** What this viewer may do now: the only source of the clients' action buttons. */
  availableActions: AvailableAction[];
  /** What this viewer may do besides actions: the only source of the clients' other buttons. */
  permissions: ApplicationPermissions;
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
  stages: ContractStageView[];
  submittedAt: string | null;
}

export interface PaymentView {
  amount: number;
  paidOn: string;
  receiptNo?: string;
}

/** 缴费: where the customer pays, as 单位信息 sets it. */
export interface PaymentInstructionsView {
  /** The utility's name as notices give it. */
  payee: string;
  bankName: string | null;
  bankAccount: string | null;
  accountName: string | null;
  /** 缴费网点: counters, addresses, hours, in the administrator's words. */
  counters: string | null;
  phone: string | null;
}

/** GET /api/applications/:id: the application with its step map, contract, sheet and payment. */
export interface ApplicationDetailView extends ApplicationView {
  stepMap: StepMapView;
  contract: ContractView | null;
  /** Staff only (null for applicants). */
  dispatchSheet: DispatchSheet | null;
  /** A resident's meter (登记水表), once recorded at construction; the enterprise's is on the sheet. */
  meter: MeterRecord | null;
  /** Staff only: the application's address in the staff page (PUBLIC_URL), for the dispatch sheet's QR code. */
  staffUrl: string | null;
  payment: PaymentView | null;
  /** How to pay (单位信息's bank account and counters) while the step waits for payment, else null. */
  payTo: PaymentInstructionsView | null;
  /** Staff only (empty for applicants): who was chosen for later steps. */
  assignees: Partial<Record<StateKey, number>>;
  /** 预计通水日期 while water is not yet on, else null. */
  expectedWaterOn: ExpectedWaterOnView | null;
  /** 服务评价 the applicant gave, once the application was completed; null before. */
  rating: RatingView | null;
}

/**
 * 预计通水日期: the current step's due time (or now), plus each remaining step's time limit in working
 * days, up to the step where water flows. Steps on the customer's clock have no limit: they are
 * named, since the date moves with them.
 */
export interface ExpectedWaterOnView {
  /** `YYYY-MM-DD`, China calendar day. */
  date: string;
  /** Labels of the customer's own steps still ahead (确认施工图和预算, 缴费 …). */
  customerSteps: string[];
  /** The caveat as shown: 「不含您办理的环节…」 or 「按各环节办理时限推算」. */
  note: string;
}

/** One line of 报装记录: who, in which role, when, from → to, comment, files and the step's duration. */
export interface HistoryEntryView {
  id: number;
  seq: number;
  action: string;
  actionLabel: string;
  /** What the entry marks in the application's life (for prints and the contract card), or null. */
  milestone: Milestone | null;
  fromState: StateKey | null;
  fromLabel: string | null;
  toState: StateKey;
  toLabel: string;
  /** `id` is null for applicants: they see who acted, not the staff account. */
  actor: { id: number | null; name: string | null; role: string | null; roleLabel: string | null };
  comment: string | null;
  /** The 原因类别 a return or rejection gave (「原因：材料不全」), or null. */
  reason?: { id: number; label: string } | null;
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
  /** 企业微信 userid for staff alerts; shown to the user and administrators only. */
  wecomUserId: string | null;
  /** Set while wrong passwords keep the account locked. */
  lockedUntil: string | null;
  createdAt: string;
}

/** GET /api/auth/me: the logged-in user, with what only they need to know about their account. */
export interface MeView extends UserView {
  /** False for an account made by a WeChat login until its owner sets one (no 原密码 to ask for). */
  hasPassword: boolean;
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

/** One try to deliver a notification on one channel, as an application's timeline shows it. */
export interface NotificationAttemptView {
  channel: string;
  channelLabel: string;
  outcome: DeliveryOutcome;
  outcomeLabel: string;
  at: string;
  /** Why it failed, as the platform said (staff only; null for applicants and successes). */
  error: string | null;
}

/**
 * GET /api/applications/:id/notifications: who was told what — each notification of the application
 * (applicants: their own), with its channel, time, and whether it was delivered or failed and why.
 */
export interface ApplicationNotificationView {
  id: number;
  event: string;
  title: string;
  text: string;
  audience: 'applicant' | 'staff';
  /** The step (history entry) that caused it; null for reminders and alerts raised by time. */
  historyId: number | null;
  /** The staff member or applicant it was addressed to (staff only; null for applicants). */
  recipientName: string | null;
  at: string;
  status: NotificationStatus;
  statusLabel: string;
  delivered: boolean;
  /** The channel it was delivered on (or last tried). */
  channel: string | null;
  channelLabel: string | null;
  deliveredAt: string | null;
  /** Why it was not delivered, in words, when it was not (failed, or shown in the app only). */
  reason: string | null;
  attempts: NotificationAttemptView[];
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
 * - `limited`: held back by a rate limit (ours or the platform's, e.g. SMS 触发流控): tried again later
 */
export type DeliveryOutcome = 'pending' | 'sent' | 'refused' | 'error' | 'uncertain' | 'limited';

/** One attempt to deliver a notification, as the delivery record shows it. */
export interface DeliveryAttemptView {
  channel: string;
  channelLabel: string;
  outcome: DeliveryOutcome;
  /** 已发送 / 失败（原因） / 限流（原因） / …, in words. */
  outcomeLabel: string;
  /** WeChat's numeric errcode. */
  errorCode: number | null;
  /** Another platform's code (SMS: isv.BUSINESS_LIMIT_CONTROL), or ours (local_limit, param_too_long). */
  errorKey: string | null;
  errorMessage: string | null;
  /** Who it went to: an openid, or a phone number shown masked (138****5678). */
  recipient: string | null;
  at: string;
}

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
  lastAttempt: DeliveryAttemptView | null;
  /** Every attempt, newest first (a must-reach message has one on WeChat and one by SMS). */
  deliveries: DeliveryAttemptView[];
  sentAt: string | null;
  createdAt: string;
}

/** The `meta` of GET /api/admin/notifications: the page, and how many notifications are in each status. */
export interface SentNotificationsMeta extends PageMeta {
  byStatus: { status: NotificationStatus; label: string; count: number }[];
}

/** A contract approval stage (合同审批环节) as configured: GET/PUT /api/settings/contract-stages. */
export interface ContractStageView {
  name: string;
  role: StaffRole;
}

/** GET /api/settings/steps: a step of a flow with its threshold and default assignee. */
export interface StepSettingView {
  flow: FlowKey;
  state: StateKey;
  label: string;
  clock: Clock;
  handlerRole: string | null;
  handlerLabel: string | null;
  thresholdValue: number | null;
  thresholdUnit: ThresholdUnit;
  defaultAssignee: { id: number; name: string } | null;
  /** A customer-clock step a staff member chases (缴费, 待上传签字合同): it has a threshold too. */
  chase: boolean;
  /** The customer's reminder thresholds (customer-clock steps; `[]` none); null for the utility's steps. */
  reminders: Threshold[] | null;
}

/**
 * The `meta` of GET /api/worklist: the page (`total` counts what the filter matches) and the badges'
 * counts over everything waiting for the caller — all counted by the database, not from the rows sent.
 */
export interface WorklistMeta extends PageMeta {
  filter: string;
  counts: {
    all: number;
    overdue: number;
    byState: { state: StateKey; label: string; count: number }[];
  };
  /** When the counts were taken. */
  at: string;
}

/** One state's row of the dashboard: applications in it now and how many of them are overdue. */
export interface StateCountView {
  state: StateKey;
  label: string;
  terminal: boolean;
  count: number;
  overdue: number;
}

/** A step's cycle time in the dashboard's window against its threshold. */
export interface CycleTimeView {
  flow: FlowKey;
  flowLabel: string;
  state: StateKey;
  label: string;
  /** Finished visits of the step in the window (a step visited twice counts twice). */
  count: number;
  p50Hours: number | null;
  p90Hours: number | null;
  threshold: Threshold | null;
  thresholdText: string | null;
  /** The threshold in natural hours for the chart (a working day counts as 24 hours). */
  thresholdHours: number | null;
}

/** GET /api/stats/dashboard: counts and overdue per state, cycle time P50/P90 per step vs threshold. */
export interface DashboardView {
  /** China calendar days (inclusive) of the window. */
  from: string;
  to: string;
  summary: { active: number; overdue: number; created: number; completed: number };
  byState: StateCountView[];
  cycleTimes: CycleTimeView[];
}

/** GET /api/wechat/status: which WeChat features the server has switched on (clients hide the rest). */
export interface WechatStatusView {
  miniProgramLogin: boolean;
  officialAccountLogin: boolean;
  subscribeTemplateIds: string[];
}

/** A file version an applicant's decision was about, as its history entry's payload records it. */
export interface DecidedFileView {
  attachmentId: number;
  sha256: string;
  displayName: string;
}
