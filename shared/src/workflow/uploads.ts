import { MATERIAL_CATEGORIES, type AttachmentCategory } from '../attachments';
import type { StaffRole } from '../roles';
import { actingRole } from './transition';
import type { Actor, FlowDef, StateKey, WorkflowFacts } from './types';

/** Categories any staff member may file at any time (其他资料): the archive takes everything. */
export const ANYTIME_STAFF_CATEGORIES: readonly AttachmentCategory[] = ['other'];

/**
 * 申请材料 (the applicant's papers): the applicant adds them to their own application until the
 * review has accepted it — waiting for review (a file that failed to go up with the form) and while
 * it is returned to them; the window and the review scan papers brought in at any step.
 */
export const MATERIAL_UPLOADERS: { applicantStates: readonly StateKey[]; staffRoles: readonly StaffRole[] } = {
  applicantStates: ['submitted', 'returned'],
  staffRoles: ['window_clerk', 'reviewer'],
};

function mayFileMaterials(facts: WorkflowFacts, actor: Actor): boolean {
  if (actor.kind === 'applicant') {
    return facts.applicantUserId === actor.userId && MATERIAL_UPLOADERS.applicantStates.includes(facts.state);
  }
  return actor.roles.some((r) => MATERIAL_UPLOADERS.staffRoles.includes(r));
}

/**
 * The categories `actor` may upload to an application now: those taken by an action the actor may
 * take in the current state (guards aside — files are prepared before the action is possible), plus
 * `other` for any staff member and 申请材料 as MATERIAL_UPLOADERS says. Applicants upload only where
 * the definition gives them such an action, and their own papers.
 */
export function uploadableCategories(flow: FlowDef, facts: WorkflowFacts, actor: Actor): AttachmentCategory[] {
  const categories = new Set<AttachmentCategory>();
  for (const action of flow.actions) {
    if (!action.takes?.length || !action.from.includes(facts.state) || actingRole(action, facts, actor) === null) {
      continue;
    }
    for (const category of action.takes) {
      categories.add(category);
    }
  }
  if (actor.kind === 'staff' && actor.roles.length > 0) {
    for (const category of ANYTIME_STAFF_CATEGORIES) {
      categories.add(category);
    }
  }
  if (mayFileMaterials(facts, actor)) {
    for (const category of MATERIAL_CATEGORIES) {
      categories.add(category);
    }
  }
  return [...categories];
}
