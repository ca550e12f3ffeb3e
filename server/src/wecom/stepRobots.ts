import { Op, type Transaction } from 'sequelize';
import { CURRENT_WORKFLOW_VERSION, STATES, WORKFLOWS, type FlowKey, type StateKey } from '@wc/shared';
import { recordAudit } from '../commands/audit';
import type { AuthUser } from '../context';
import { fieldError } from '../errors';
import { User, WecomStepRobot } from '../models';
import type { Config } from '../config';
import { appMessagesOn } from './config';

/** What 流程步骤设置 and /health show about 企业微信: what is switched on (never a key or secret). */
export interface WecomOverview {
  appMessages: boolean;
  /** Team names from WECOM_ROBOTS, to choose per step. */
  robots: string[];
  /** The robot chosen for each step that has one. */
  steps: { flow: FlowKey; state: StateKey; robot: string; configured: boolean }[];
  /** Enabled staff with a WeCom userid, and without one: who would get nothing personally. */
  staffWithUserId: number;
  staffWithoutUserId: number;
}

export async function wecomOverview(config: Config): Promise<WecomOverview> {
  const [rows, withId, all] = await Promise.all([
    WecomStepRobot.findAll({ order: [['id', 'ASC']] }),
    User.count({ where: { kind: 'staff', enabled: true, wecomUserId: { [Op.ne]: null } } }),
    User.count({ where: { kind: 'staff', enabled: true } }),
  ]);
  return {
    appMessages: appMessagesOn(config.wecom),
    robots: Object.keys(config.wecom.robots),
    steps: rows.map((r) => ({ flow: r.flow, state: r.state, robot: r.robot, configured: r.robot in config.wecom.robots })),
    staffWithUserId: withId,
    staffWithoutUserId: all - withId,
  };
}

/** Chooses (or, with null, removes) the group robot that also gets a step's staff alerts; administrators, audited. */
export async function setStepRobot(
  actor: AuthUser,
  config: Config,
  flow: FlowKey,
  state: StateKey,
  robot: string | null,
  t: Transaction,
): Promise<void> {
  const def = WORKFLOWS[flow][CURRENT_WORKFLOW_VERSION[flow]];
  if (!def || !(state in def.states) || STATES[state].terminal) {
    throw fieldError('state', '该流程没有这个步骤');
  }
  if (robot !== null && !(robot in config.wecom.robots)) {
    throw fieldError('robot', `没有名为「${robot}」的群机器人（在 WECOM_ROBOTS 中配置）`);
  }
  const existing = await WecomStepRobot.findOne({ where: { flow, state }, transaction: t });
  if (robot === null) {
    await existing?.destroy({ transaction: t });
  } else if (existing) {
    await existing.update({ robot }, { transaction: t });
  } else {
    await WecomStepRobot.create({ flow, state, robot }, { transaction: t });
  }
  await recordAudit(
    { actorUserId: actor.id, action: 'wecom.step_robot', targetType: 'step', targetId: `${flow}.${state}`, data: { flow, state, robot } },
    t,
  );
}
