import { User, type OutboxMessage } from '../../models';
import type { StaffGroup } from '../../wechat/staffGroup';
import { valuesOf, type PlannedSend } from './plan';

/**
 * Staff alerts go to the staff WeChat group when one is configured; the worklist shows them anyway.
 * While the group is not connected its send fails as never sent, so the alert is retried later
 * instead of being marked recorded.
 */
export async function staffChannels(row: OutboxMessage, group: StaffGroup | null): Promise<PlannedSend[]> {
  if (!group) {
    return [];
  }
  const values = valuesOf(row);
  const assignee = row.recipientUserId ? await User.findByPk(row.recipientUserId) : null;
  const text = `【${values.title}】${values.text}${assignee ? `（经办人：${assignee.displayName}）` : ''}`;
  return [
    {
      channel: 'staff_group',
      recipient: group.name,
      templateId: null,
      subscription: null,
      send: async () => {
        await group.send(text);
        return { msgid: null, note: null };
      },
    },
  ];
}
