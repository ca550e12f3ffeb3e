import { isStaffRole, type StateKey } from '@wc/shared';
import { Application, HistoryEntry, User, UserRole, WecomStepRobot, type OutboxMessage } from '../../models';
import { services } from '../../services';
import { sendAppMessage } from '../../wecom/appMessage';
import { appMessagesOn } from '../../wecom/config';
import { sendRobotMessage } from '../../wecom/robot';
import type { StaffGroup } from '../../wechat/staffGroup';
import { ChannelSendError } from './errors';
import { valuesOf, type PlannedSend } from './plan';

/** A robot message @-mentions at most this many people: an unassigned step's whole role would be noise. */
const MAX_MENTIONS = 10;

const text = (row: OutboxMessage) => {
  const values = valuesOf(row);
  return `【${values.title}】${values.text}`;
};

/** The people a staff alert is for: its assignee, else every enabled staff member holding its role. */
async function recipientsOf(row: OutboxMessage): Promise<User[]> {
  if (row.recipientUserId) {
    const user = await User.findOne({ where: { id: row.recipientUserId, kind: 'staff', enabled: true } });
    return user ? [user] : [];
  }
  const role = typeof row.payload.role === 'string' ? row.payload.role : null;
  if (!role || !isStaffRole(role)) {
    return [];
  }
  return User.findAll({
    where: { kind: 'staff', enabled: true },
    include: [{ model: UserRole, as: 'roles', where: { role }, attributes: [] }],
    order: [['id', 'ASC']],
  });
}

/** The team robot chosen for the step the alert is about (流程步骤设置), if any. */
async function robotOf(row: OutboxMessage): Promise<string | null> {
  if (!row.applicationId) {
    return null;
  }
  const app = await Application.findByPk(row.applicationId, { attributes: ['id', 'flow', 'state'] });
  if (!app) {
    return null;
  }
  // The step the alert names: deadline alerts carry it; a new-work alert's history entry says where the application went.
  let state: string | null = typeof row.payload.state === 'string' ? row.payload.state : null;
  if (!state && row.historyId) {
    state = (await HistoryEntry.findByPk(row.historyId, { attributes: ['id', 'toState'] }))?.toState ?? null;
  }
  const chosen = await WecomStepRobot.findOne({ where: { flow: app.flow, state: (state ?? app.state) as StateKey } });
  return chosen?.robot ?? null;
}

/**
 * The channels for a staff alert: a 企业微信 app message to the person (or to every holder of the
 * step's role while nobody is assigned) when the app is configured and they have a WeCom userid,
 * else the optional staff WeChat group; and, as well, the step's team robot in its group,
 * @-mentioning them by mobile. None: the alert is only in the worklist and 消息 (recorded). A person WeCom does not know
 * (`invaliduser`) is a refusal of that send, not a delivery.
 */
export async function staffChannels(row: OutboxMessage, group: StaffGroup | null): Promise<PlannedSend[]> {
  const { config, sequelize } = services();
  const wecom = config.wecom;
  const content = text(row);
  const people = await recipientsOf(row);
  const plans: PlannedSend[] = [];

  if (appMessagesOn(wecom)) {
    const ids = people.map((u) => u.wecomUserId).filter((id): id is string => Boolean(id));
    if (ids.length > 0) {
      plans.push({
        channel: 'wecom_app',
        recipient: ids.join('|').slice(0, 200),
        templateId: null,
        subscription: null,
        send: async () => {
          const receipt = await sendAppMessage(wecom, sequelize, ids, content);
          if (receipt.invalidUsers.length === ids.length) {
            throw new ChannelSendError(
              'refused',
              '81013',
              `企业微信通讯录中没有账号 ${receipt.invalidUsers.join('、')}（或不在应用的可见范围内），请在用户管理中核对企业微信账号`,
            );
          }
          return {
            msgid: receipt.msgid,
            note:
              receipt.invalidUsers.length > 0
                ? { code: 81013, message: `企业微信未送达 ${receipt.invalidUsers.join('、')}（账号不存在或不在应用可见范围内）` }
                : null,
          };
        },
      });
    }
  }

  const robot = Object.keys(wecom.robots).length > 0 ? await robotOf(row) : null;
  if (robot) {
    const mobiles = people
      .map((u) => u.phone)
      .filter((p): p is string => typeof p === 'string' && /^1\d{10}$/.test(p))
      .slice(0, MAX_MENTIONS);
    // As well as the personal message: the team sees the step's alerts in its group, once.
    plans.push({
      channel: 'wecom_robot',
      recipient: robot,
      templateId: null,
      subscription: null,
      mode: 'also',
      send: async () => {
        await sendRobotMessage(wecom, robot, content, mobiles);
        return { msgid: null, note: null };
      },
    });
  }

  if (group) {
    const assignee = people.length === 1 && row.recipientUserId ? people[0] : null;
    const groupText = `${content}${assignee ? `（经办人：${assignee.displayName}）` : ''}`;
    plans.push({
      channel: 'staff_group',
      recipient: group.name,
      templateId: null,
      subscription: null,
      send: async () => {
        await group.send(groupText);
        return { msgid: null, note: null };
      },
    });
  }
  return plans;
}
