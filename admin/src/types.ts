import type { StateKey } from '@wc/shared';
import type { AttachmentCategory, ErrorCode, FieldError, StaffRole, ThresholdUnit } from './labels';

/** Shapes of the API replies (docs/api.md) that only the staff page reads; the shared ones are re-exported below. */

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

/** Applications, their steps, step map and history: declared once in the shared package. */
export type {
  ApplicationView as Application,
  StepView as Step,
  StepMapItem,
  ContractView as Contract,
  ApplicationDetailView as ApplicationDetail,
  HistoryEntryView as HistoryEntry,
  PageMeta,
} from '@wc/shared';

export type { DispatchSheet } from '@wc/shared';

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
  state: StateKey;
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
