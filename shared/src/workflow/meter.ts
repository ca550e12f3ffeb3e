import { defineAction } from './define';
import type { ActionDef } from './types';

/**
 * Residents' water meters (水表). The enterprise flow records its meter on the dispatch sheet; the
 * resident flow has no sheet step, so the constructor records the meter at construction with
 * `record_meter`, and 施工完成 waits for it (the `meterRecorded` guard on `submit_construction`,
 * which a complete dispatch sheet also satisfies).
 *
 * So every flow or route whose construction is not preceded by a dispatch sheet step (the resident
 * flow, and fast routes without 派工单) must include `meterActions()`, or 施工完成 cannot be taken.
 */

/** The calibers a resident's meter comes in (居民表 DN15–DN50). */
export const METER_CALIBERS = ['DN15', 'DN20', 'DN25', 'DN32', 'DN40', 'DN50'] as const;
export type MeterCaliber = (typeof METER_CALIBERS)[number];

/** A recorded meter: 表号, 口径, 型号 and 初始读数 (m³), as the billing system (立户) needs it. */
export interface MeterRecord {
  number: string;
  caliber: string;
  model: string;
  initialReading: number;
}

/** The constructor records (or corrects) the meter during construction; the step goes on. */
export function meterActions(): ActionDef[] {
  return [
    defineAction('record_meter', {
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      to: [{ to: 'stay' }],
    }),
  ];
}
