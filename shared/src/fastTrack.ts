import { z } from 'zod';
import {
  APPLICANT_KINDS,
  APPLICANT_KIND_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  WATER_TYPES,
  WATER_TYPE_LABELS,
  type ApplicantKind,
  type Channel,
  type WaterType,
} from './domain';
import { requiredText } from './schemas/common';

/**
 * 快速通道规则: rules the administrator sets that send a new application down its flow's fast route
 * (a separate published flow version, FAST_ROUTE_VERSION). The first enabled rule, in the
 * administrator's order, whose every condition holds picks the fast route; none, the standard one.
 */

/** 用水口径: the meter calibers an applicant may request (公称直径, mm). */
export const CALIBERS = [15, 20, 25, 32, 40, 50, 65, 80, 100, 150, 200, 250, 300] as const;
export type Caliber = (typeof CALIBERS)[number];

export function caliberLabel(caliber: number): string {
  return `DN${caliber}`;
}

export function isCaliber(value: unknown): value is Caliber {
  return typeof value === 'number' && (CALIBERS as readonly number[]).includes(value);
}

/** 是否涉及外线工程 in words. */
export function externalWorksLabel(value: boolean | null | undefined): string {
  return value === true ? '涉及' : value === false ? '不涉及' : '未填写';
}

/** A rule's conditions; each one left empty (or false) holds for any application. */
export const fastTrackConditionsSchema = z
  .object({
    kinds: z
      .array(z.enum(APPLICANT_KINDS, { error: '报装用户类型不正确' }), { error: '请选择报装用户类型' })
      .min(1, { error: '请至少选择一种报装用户类型' }),
    waterTypes: z.array(z.enum(WATER_TYPES, { error: '报装类型不正确' }), { error: '报装类型不正确' }).default([]),
    maxCaliber: z
      .number({ error: '最大用水口径不正确' })
      .refine((n) => (CALIBERS as readonly number[]).includes(n), { error: '最大用水口径不正确' })
      .nullable()
      .default(null),
    noExternalWorks: z.boolean({ error: '“不涉及外线工程”应为是或否' }).default(false),
    channels: z.array(z.enum(CHANNELS, { error: '受理渠道不正确' }), { error: '受理渠道不正确' }).default([]),
  })
  .strict();

export type FastTrackConditions = z.output<typeof fastTrackConditionsSchema>;

/** The body of creating or changing a rule (系统管理 → 快速通道规则). */
export const fastTrackRuleInputSchema = z
  .object({
    name: requiredText('规则名称', 50),
    enabled: z.boolean({ error: '请选择是否启用' }).default(false),
    conditions: fastTrackConditionsSchema,
  })
  .strict();

export type FastTrackRuleInput = z.output<typeof fastTrackRuleInputSchema>;

/** The body of reordering the rules: every rule's id, first to last. */
export const fastTrackOrderSchema = z
  .object({
    ids: z.array(z.number({ error: '规则编号不正确' }).int().positive({ error: '规则编号不正确' }), { error: '请给出规则顺序' }).max(200),
  })
  .strict();

export interface FastTrackRuleView {
  id: number;
  name: string;
  enabled: boolean;
  /** 1 is tried first. */
  position: number;
  conditions: FastTrackConditions;
  /** The conditions in words, e.g. 居民；口径≤DN25；不涉及外线工程. */
  summary: string;
  updatedAt: string;
}

/** What a rule looks at of a new application. */
export interface FastTrackFacts {
  kind: ApplicantKind;
  waterType: WaterType;
  channel: Channel;
  caliber: number | null;
  externalWorks: boolean | null;
}

/**
 * Whether every condition of `conditions` holds. An unanswered caliber or external-works question
 * never satisfies a condition on it: the short route is for works known to be small.
 */
export function ruleMatches(conditions: FastTrackConditions, facts: FastTrackFacts): boolean {
  if (!conditions.kinds.includes(facts.kind)) {
    return false;
  }
  if (conditions.waterTypes.length > 0 && !conditions.waterTypes.includes(facts.waterType)) {
    return false;
  }
  if (conditions.channels.length > 0 && !conditions.channels.includes(facts.channel)) {
    return false;
  }
  if (conditions.maxCaliber !== null && (facts.caliber === null || facts.caliber > conditions.maxCaliber)) {
    return false;
  }
  if (conditions.noExternalWorks && facts.externalWorks !== false) {
    return false;
  }
  return true;
}

/** The first enabled rule (in order) that `facts` satisfy, or null: the standard route. */
export function matchFastTrackRule<R extends { enabled: boolean; position: number; conditions: FastTrackConditions }>(
  rules: readonly R[],
  facts: FastTrackFacts,
): R | null {
  return [...rules].sort((a, b) => a.position - b.position).find((r) => r.enabled && ruleMatches(r.conditions, facts)) ?? null;
}

/** A rule's conditions in words (the list and the audit log show them). */
export function describeConditions(c: FastTrackConditions): string {
  const parts = [c.kinds.map((k) => APPLICANT_KIND_LABELS[k]).join('、')];
  if (c.waterTypes.length > 0) {
    parts.push(c.waterTypes.map((w) => WATER_TYPE_LABELS[w]).join('、'));
  }
  if (c.maxCaliber !== null) {
    parts.push(`用水口径≤${caliberLabel(c.maxCaliber)}`);
  }
  if (c.noExternalWorks) {
    parts.push('不涉及外线工程');
  }
  if (c.channels.length > 0) {
    parts.push(c.channels.map((ch) => CHANNEL_LABELS[ch]).join('、'));
  }
  return parts.join('；');
}
