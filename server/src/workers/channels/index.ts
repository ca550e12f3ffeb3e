import type { Config } from '../../config';
import type { OutboxMessage } from '../../models';
import type { StaffGroup } from '../../wechat/staffGroup';
import { applicantChannels } from './applicant';
import type { PlannedSend } from './plan';
import { staffChannels } from './staff';

export type { PlannedSend } from './plan';

/** The channels to try for one outbox message, in order: the applicant's or the staff's. */
export function planChannels(config: Config, row: OutboxMessage, group: StaffGroup | null): Promise<PlannedSend[]> {
  return row.audience === 'applicant' ? applicantChannels(config, row) : staffChannels(row, group);
}
