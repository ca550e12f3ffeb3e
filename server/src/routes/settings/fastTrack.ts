import { fastTrackOrderSchema, fastTrackRuleInputSchema } from '@wc/shared';
import {
  createFastTrackRule,
  deleteFastTrackRule,
  fastTrackRuleViews,
  reorderFastTrackRules,
  updateFastTrackRule,
} from '../../commands/fastTrack';
import { orderedListRouter } from './orderedList';

/**
 * /api/settings/fast-track-rules — 快速通道规则 (administrators; every change audited), in the order
 * they are tried: add (tried last), change, enable or disable, reorder, remove. A change moves only
 * new applications; running ones keep their route.
 */
export default orderedListRouter({
  prefix: '/settings/fast-track-rules',
  adminOnly: '仅系统管理员可设置快速通道规则',
  input: fastTrackRuleInputSchema,
  order: fastTrackOrderSchema,
  view: fastTrackRuleViews,
  create: createFastTrackRule,
  update: updateFastTrackRule,
  reorder: reorderFastTrackRules,
  remove: deleteFastTrackRule,
});
