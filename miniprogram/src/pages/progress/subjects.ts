import type { AttachmentCategory } from '@wc/shared';
import type { Attachment } from '../../services/types';

/**
 * What the applicant confirms: the construction drawing and budget, or a design change. The first
 * file is the one the decision names (`budgetAttachmentId` / `changeAttachmentId`); the server
 * refuses the decision when a newer version of it has been uploaded since.
 */
export const SUBJECTS = {
  design: {
    title: '确认施工图和预算',
    navTitle: '确认预算',
    intro: '请查看施工图和预算书。确认后进入合同签订；如有异议，请选择“不同意”并写明原因，我们会修改后重新请您确认。',
    actions: ['confirm_design', 'reject_design'],
    decided: 'budget' as AttachmentCategory,
    bodyKey: 'budgetAttachmentId',
    budget: 'budget' as AttachmentCategory,
    drawings: ['construction_drawing_pdf', 'construction_drawing'] as AttachmentCategory[],
  },
  change: {
    title: '确认设计变更',
    navTitle: '确认变更',
    intro: '施工中发生了设计变更。请查看变更图纸和变更预算，确认后按变更施工；如有异议，请选择“不同意”并写明原因。',
    actions: ['confirm_change', 'reject_change'],
    decided: 'design_change' as AttachmentCategory,
    bodyKey: 'changeAttachmentId',
    budget: 'change_budget' as AttachmentCategory,
    drawings: ['design_change'] as AttachmentCategory[],
  },
} as const;

export type SubjectKey = keyof typeof SUBJECTS;

export function isSubjectKey(value: unknown): value is SubjectKey {
  return value === 'design' || value === 'change';
}

/** The current (newest, not superseded) file of a category. */
export function currentOf(files: Attachment[], category: AttachmentCategory): Attachment | null {
  return files.filter((f) => f.category === category && f.current).sort((a, b) => b.id - a.id)[0] ?? null;
}
