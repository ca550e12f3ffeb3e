import type { StateKey } from '@wc/shared';
import type { ErrorCode, FieldError, StaffRole, ThresholdUnit } from './labels';

/** Shapes of the API replies (docs/api.md) that only the staff page reads; the shared ones are re-exported below. */

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

/** Users, files, budget previews and sent notifications: declared once in the shared package too. */
export type {
  UserView as SessionUser,
  /** A full staff record: what administrators get from GET /api/users and the user edits. */
  UserView as StaffUser,
  /** A colleague to pick (GET /api/users for staff who are not administrators). */
  StaffSummaryView as StaffSummary,
  LoginReplyView as LoginReply,
  AttachmentView as Attachment,
  BudgetPreviewView as BudgetPreview,
  SentNotificationView as SentNotification,
  SentNotificationsMeta,
  NotificationStatus,
} from '@wc/shared';

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
