import { reasonCategoryInputSchema, reasonOrderSchema } from '@wc/shared';
import {
  createReasonCategory,
  deleteReasonCategory,
  reasonSettingsView,
  reorderReasonCategories,
  updateReasonCategory,
} from '../../commands/reasons';
import { orderedListRouter } from './orderedList';

/**
 * /api/settings/reason-categories — 原因类别 (administrators; every change audited): the list with
 * how often each was chosen and the actions that ask one; add (last), rename, re-scope, disable or
 * enable; the order; delete only one never chosen (one in use is disabled instead).
 */
export default orderedListRouter({
  prefix: '/settings/reason-categories',
  adminOnly: '仅系统管理员可设置原因类别',
  input: reasonCategoryInputSchema,
  order: reasonOrderSchema,
  view: reasonSettingsView,
  create: createReasonCategory,
  update: updateReasonCategory,
  reorder: reorderReasonCategories,
  remove: deleteReasonCategory,
});
