import type { AttachmentView } from '@wc/shared';

/** Shapes of the API replies the applicant pages read (docs/api.md): declared once in the shared package. */

/** Users, logins, files, budget previews and progress messages. */
export type {
  UserView as User,
  LoginReplyView as TokenReply,
  WechatLoginReplyView as WechatTokenReply,
  BudgetPreviewView as BudgetPreview,
  NoticeView as Notice,
} from '@wc/shared';

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
export type { DecidedFileView as DecidedFile } from '@wc/shared';

/** A file of my application; `fetchedAt` is when the attachments service fetched it (the signed links expire). */
export type Attachment = AttachmentView & { fetchedAt: number };
