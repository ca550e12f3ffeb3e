import { ENTERPRISE_FLOW } from './enterprise';
import { RESIDENT_FLOW } from './resident';
import type { FlowDef, FlowKey } from './types';

export * from './types';
export * from './catalogue';
export { defineAction } from './define';
export * from './states';
export * from './conditions';
export * from './transition';
export * from './uploads';
export * from './inputs';
export * from './thresholds';
export * from './notifications';
export * from './payment';
export { ENTERPRISE_FLOW } from './enterprise';
export { RESIDENT_FLOW } from './resident';

/** Every published version of each flow. Running applications keep the version they started with. */
export const WORKFLOWS: Record<FlowKey, Record<number, FlowDef>> = {
  enterprise: { 1: ENTERPRISE_FLOW },
  resident: { 1: RESIDENT_FLOW },
};

export const CURRENT_WORKFLOW_VERSION: Record<FlowKey, number> = { enterprise: 1, resident: 1 };

/** The definition an application runs on. */
export function getFlow(flow: FlowKey, version: number): FlowDef {
  const def = WORKFLOWS[flow][version];
  if (!def) {
    throw new Error(`unknown workflow ${flow} v${version}`);
  }
  return def;
}
