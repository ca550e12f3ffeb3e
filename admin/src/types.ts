import type { AttachmentCategory, AvailableAction, ErrorCode, FieldError, StaffRole, ThresholdUnit } from './labels';

/** Shapes of the API replies (docs/api.md); the server's presenters are the source. */

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  phone: string | null;
  roles: StaffRole[];
  roleLabels: string[];
  enabled: boolean;
}

export interface LoginReply {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface Step {
  state: string;
  label: string;
  customerLabel: string;
  enteredAt: string;
  elapsedMs: number;
  elapsedText: string;
  clock: 'utility' | 'customer' | 'none';
  threshold: { value: number; unit: ThresholdUnit } | null;
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
  waterType: string;
  waterTypeLabel: string;
  buildingArea: number;
  createdAt: string;
  state: string;
  stateLabel: string;
  terminal: boolean;
  version: number;
  step: Step;
  paid: boolean;
  unpaidApproved: boolean;
  hadVisaOrChange: boolean;
  budgetTotal: number | null;
  finalAmount: number | null;
  utilityMs: number;
  customerMs: number;
  completedAt: string | null;
  availableActions: AvailableAction[];
}

export interface StepMapItem {
  state: string;
  label: string;
  status: 'done' | 'current' | 'upcoming';
  durationMs: number;
  durationText: string;
  clock: string;
}

export interface Contract {
  number: string;
  name: string | null;
  place: string | null;
  partyA: string | null;
  partyB: string | null;
  amount: number | null;
  settlementAmount: number | null;
  ownerStatus: 'pending' | 'approved' | 'rejected';
  stages: { name: string; role: StaffRole }[];
  submittedAt: string | null;
}

export interface Material {
  name: string;
  spec?: string;
  unit: string;
  quantity: number;
}

export interface DispatchSheet {
  materials: Material[];
  meter: { number: string; caliber: string; model: string };
}

export interface ApplicationDetail extends Application {
  stepMap: { steps: StepMapItem[]; detour: { state: string; label: string } | null };
  contract: Contract | null;
  dispatchSheet: DispatchSheet | null;
  payment: { amount: number; paidOn: string; receiptNo?: string } | null;
  assignees: Partial<Record<string, number>>;
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
  actor: { id: number | null; name: string | null; role: string | null; roleLabel: string | null };
  comment: string | null;
  attachments: { id: number; displayName: string; category: string; categoryLabel: string }[];
  payload: Record<string, unknown>;
  at: string;
  stepStartedAt: string | null;
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
  fileKind: string;
  uploader: { id: number; name: string } | null;
  createdAt: string;
  current: boolean;
  taken: boolean;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  /** Short-lived signed links (no token needed): for <img> and the browser's own downloader. */
  downloadUrl: string | null;
  previewUrl: string | null;
}

export interface BudgetPreview {
  sheet: string;
  rows: string[][];
  items: { name: string; spec: string; unit: string; quantity: number | null; price: number | null; amount: number | null }[];
  total: number | null;
  /** The total entered in the workflow, and whether the workbook's total agrees with it. */
  budgetTotal?: number | null;
  matchesBudgetTotal?: boolean | null;
}

export interface StaffUser {
  id: number;
  username?: string;
  displayName: string;
  phone?: string | null;
  roles: StaffRole[];
  roleLabels: string[];
  enabled?: boolean;
  lockedUntil?: string | null;
  createdAt?: string;
}

export interface StepSetting {
  flow: 'enterprise' | 'resident';
  state: string;
  label: string;
  clock: string;
  handlerRole: string | null;
  handlerLabel: string | null;
  thresholdValue: number | null;
  thresholdUnit: ThresholdUnit;
  defaultAssignee: { id: number; name: string } | null;
}

export interface ContractStage {
  name: string;
  role: StaffRole;
}

export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
}

export interface WorklistMeta {
  total: number;
  overdue: number;
  byState: { state: string; label: string; count: number }[];
}

/** A failed API call as the pages see it. */
export interface ApiFailure {
  status: number;
  code: ErrorCode | 'NETWORK';
  message: string;
  details: FieldError[];
}
