import type { AttachmentCategory } from '../attachments';
import { actingRole } from './transition';
import type { Actor, FlowDef, WorkflowFacts } from './types';

/** Categories any staff member may file at any time (其他资料): the archive takes everything. */
export const ANYTIME_STAFF_CATEGORIES: readonly AttachmentCategory[] = ['other'];

/**
 * The categories `actor` may upload to an application now: those taken by an action the actor may
 * take in the current state (guards aside — files are prepared before the action is possible), plus
 * `other` for any staff member. Applicants upload only where the definition gives them such an action.
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
  return [...categories];
}
