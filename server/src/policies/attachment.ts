import { ATTACHMENT_CATEGORIES, getFlow, uploadableCategories, type AttachmentCategory, type WorkflowFacts } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application, Attachment } from '../models';
import { adminPolicy } from './admin';
import { applicationPolicy } from './application';

/** Outcome of a download check: allowed, hidden (404: the viewer must not learn it exists) or forbidden (403). */
export type FileAccess = 'allowed' | 'hidden' | 'forbidden';

export const attachmentPolicy = {
  /** Upload: whoever may take, now, an action that takes this category (from the shared definition). */
  upload(user: AuthUser, app: Application, facts: WorkflowFacts, category: AttachmentCategory): boolean {
    const flow = getFlow(app.flow, app.workflowVersion);
    return uploadableCategories(flow, facts, { userId: user.id, kind: user.kind, roles: user.roles }).includes(category);
  },

  /**
   * Download and preview. Applicants: their own applications, categories meant for them, current
   * versions only. Staff: everything, except categories restricted to some roles (contracts,
   * receipts, settlement) unless they hold one of those roles or administer the system.
   */
  read(user: AuthUser, app: Pick<Application, 'applicantUserId'>, file: Pick<Attachment, 'category' | 'supersededById'>): FileAccess {
    if (!applicationPolicy.read(user, app)) {
      return 'hidden';
    }
    const def = ATTACHMENT_CATEGORIES[file.category];
    if (user.kind === 'applicant') {
      return def.applicantVisible && file.supersededById === null ? 'allowed' : 'hidden';
    }
    const restricted: readonly string[] | undefined = 'staffRoles' in def ? def.staffRoles : undefined;
    if (restricted && !adminPolicy.manage(user) && !user.roles.some((r) => restricted.includes(r))) {
      return 'forbidden';
    }
    return 'allowed';
  },

  /** The archive search is for staff. */
  search(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
};
