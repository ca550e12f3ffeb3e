import { type ATTACHMENT_CATEGORIES } from '../attachments';
import { missingMaterialsMessage } from '../materials';
import type { ConditionName, WorkflowFacts } from './types';

const has = (facts: WorkflowFacts, category: keyof typeof ATTACHMENT_CATEGORIES): boolean => facts.currentAttachments.includes(category);

/** Pure predicates over an application's facts, referred to by name in the definitions. */
export const CONDITIONS: Record<ConditionName, (facts: WorkflowFacts) => boolean> = {
  ownerRejected: (f) => f.contract?.ownerStatus === 'rejected',
  ownerApproved: (f) => f.contract?.ownerStatus === 'approved',
  lastContractStage: (f) => f.contract !== null && f.contract.stage >= f.contract.stageRoles.length,
  contractComplete: (f) => f.contract?.complete === true,
  windowChannel: (f) => f.channel === 'window',
  residentFlow: (f) => f.flow === 'resident',
  noVisaOrChange: (f) => !f.hadVisaOrChange,
  dispatchSheetComplete: (f) => f.dispatchSheetComplete,
  entryPhotosDone: (f) => has(f, 'entry_photo'),
  completionPhotosDone: (f) => has(f, 'completion_photo'),
  constructionPhotosDone: (f) => has(f, 'entry_photo') && has(f, 'completion_photo') && has(f, 'water_on_photo'),
  materialsComplete: (f) => (f.missingMaterials ?? []).length === 0,
  // The enterprise flow's meter is on its dispatch sheet (complete before construction starts).
  meterRecorded: (f) => f.meterRecorded === true || f.dispatchSheetComplete,
};

/** What a person is told when a guard refuses an action. */
export const GUARD_MESSAGES: Record<ConditionName, string> = {
  ownerRejected: '业主方合同审批未通过',
  ownerApproved: '业主方合同尚未审批通过，暂不能上传双方签字合同',
  lastContractStage: '合同审批尚未到最后一步',
  contractComplete: '请先填写完整的合同信息（合同编号、名称、履行地点、甲方、乙方、金额）',
  windowChannel: '仅限窗口受理的申请',
  residentFlow: '仅限居民报装',
  noVisaOrChange: '本工程发生过现场签证或设计变更，必须上传竣工图',
  dispatchSheetComplete: '请先填写派工单的材料清单和水表信息',
  entryPhotosDone: '请先上传进场照片',
  completionPhotosDone: '请先上传完工照片',
  constructionPhotosDone: '请先上传进场、完工和通水照片',
  materialsComplete: '请先上传必需的申请材料',
  meterRecorded: '请先登记水表信息',
};

/** The message of a refusing guard, naming what is missing where the facts know it. */
export function guardMessage(guard: ConditionName, facts: WorkflowFacts): string {
  if (guard === 'materialsComplete' && facts.missingMaterials?.length) {
    return missingMaterialsMessage(facts.missingMaterials);
  }
  return GUARD_MESSAGES[guard];
}
