import { ENTERPRISE_FLOW } from './enterprise';
import { ENTERPRISE_FAST_FLOW } from './enterpriseFast';
import { RESIDENT_FAST_FLOW } from './residentFast';
import { RESIDENT_FLOW } from './resident';
import type { FlowDef, FlowKey, Route } from './types';

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
export * from './meter';
export * from './meterInput';
export { ENTERPRISE_FLOW } from './enterprise';
export { RESIDENT_FLOW } from './resident';
export { ENTERPRISE_FAST_FLOW } from './enterpriseFast';
export { RESIDENT_FAST_FLOW } from './residentFast';

/** Every published version of each flow. Running applications keep the version they started with. */
export const WORKFLOWS: Record<FlowKey, Record<number, FlowDef>> = {
  enterprise: { 1: ENTERPRISE_FLOW, 2: ENTERPRISE_FAST_FLOW },
  resident: { 1: RESIDENT_FLOW, 2: RESIDENT_FAST_FLOW },
};

/** The standard route's version: what a new application runs on unless a fast-track rule picks the fast one. */
export const CURRENT_WORKFLOW_VERSION: Record<FlowKey, number> = { enterprise: 1, resident: 1 };

/** The fast route's (快速通道) current version of each flow. */
export const FAST_ROUTE_VERSION: Record<FlowKey, number> = { enterprise: 2, resident: 2 };

/** The version a new application of `flow` on `route` runs on. */
export function routeVersion(flow: FlowKey, route: Route): number {
  return route === 'fast' ? FAST_ROUTE_VERSION[flow] : CURRENT_WORKFLOW_VERSION[flow];
}

/** The definition an application runs on. */
export function getFlow(flow: FlowKey, version: number): FlowDef {
  const def = WORKFLOWS[flow][version];
  if (!def) {
    throw new Error(`unknown workflow ${flow} v${version}`);
  }
  return def;
}
