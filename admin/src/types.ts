/**
 * Shapes of the API replies (docs/api.md) under the names the staff page uses: every one is declared
 * once, in the shared package (`shared/src/api/views.ts`), so server and page cannot drift apart.
 */

/** Applications, their steps, step map and history: declared once in the shared package. */
export type {
  ApplicationView as Application,
  StepView as Step,
  StepMapItem,
  ContractView as Contract,
  ApplicationDetailView as ApplicationDetail,
  HistoryEntryView as HistoryEntry,
  PageMeta,
  ApplicationListMeta,
  ApplicationPermissions,
  PrintForm,
} from '@wc/shared';

export type { DispatchSheet } from '@wc/shared';

/** Users, files, budget previews and sent notifications: declared once in the shared package too. */
export type {
  UserView as SessionUser,
  /** The logged-in user as GET /api/auth/me answers it: the user and whether the account has a password. */
  MeView,
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

/** Settings, the worklist's badges and the dashboard: declared once in the shared package too. */
export type { StepSettingView as StepSetting, ContractStageView as ContractStage, WorklistMeta, DashboardView } from '@wc/shared';

/** A failed API call as the pages see it (one parser for both clients). */
export type { ApiFailure } from './labels';
