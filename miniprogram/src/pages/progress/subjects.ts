import type { AttachmentCategory, DecisionDef } from '@wc/shared';
import type { Attachment } from '../../services/types';

/** What a decision is about (an available action's `decision.subject`). */
export type SubjectKey = DecisionDef['subject'];

interface Subject {
  title: string;
  navTitle: string;
  intro: string;
  /** The file the decision names (the action's `decision.claim` carries its id). */
  decided: AttachmentCategory;
  budget: AttachmentCategory;
  drawings: AttachmentCategory[];
}

/**
 * What the applicant confirms: the construction drawing and budget, or a design change. The
 * server refuses the decision when a newer version of the decided file has been uploaded since.
 */
export const SUBJECTS: Record<SubjectKey, Subject> = {
  design: {
    title: '确认施工图和预算',
    navTitle: '确认预算',
    intro: '请查看施工图和预算书。确认后进入合同签订；如有异议，请选择“不同意”并写明原因，我们会修改后重新请您确认。',
    decided: 'budget',
    budget: 'budget',
    drawings: ['construction_drawing_pdf', 'construction_drawing'],
  },
  // 快速通道: the budget made at the survey visit, with the survey's sketch; no construction drawing.
  budget: {
    title: '确认勘察方案和预算',
    navTitle: '确认预算',
    intro: '请查看勘察方案草图和预算书。确认后即可缴费；如有异议，请选择“不同意”并写明原因，我们会重新勘察报价后请您确认。',
    decided: 'budget',
    budget: 'budget',
    drawings: ['scheme_sketch'],
  },
  change: {
    title: '确认设计变更',
    navTitle: '确认变更',
    intro: '施工中发生了设计变更。请查看变更图纸和变更预算，确认后按变更施工；如有异议，请选择“不同意”并写明原因。',
    decided: 'design_change',
    budget: 'change_budget',
    drawings: ['design_change'],
  },
};

export function isSubjectKey(value: unknown): value is SubjectKey {
  return value === 'design' || value === 'change' || value === 'budget';
}

/** The current (newest, not superseded) file of a category. */
export function currentOf(files: Attachment[], category: AttachmentCategory): Attachment | null {
  return files.filter((f) => f.category === category && f.current).sort((a, b) => b.id - a.id)[0] ?? null;
}
