import type { Transaction } from 'sequelize';
import { ROLE_LABELS, STATES, TRANSFER_HISTORY_ACTION, type ActorRole } from '@wc/shared';
import type { AuthUser } from '../../context';
import { AppError, ForbiddenError, fieldError } from '../../errors';
import { User, UserRole } from '../../models';
import { updateApplication } from '../applicationRows';
import { applicationPolicy } from '../../policies/application';
import { findVisibleApplication } from '../applicationViews';
import { chainEntry, insertHistory } from './history';
import { queueMessages, staffWork } from './outbox';
import { currentTime } from '../../services';

/**
 * Hands the current step to a colleague (转交) who holds the step's role. It is recorded in the
 * history but does not end the step: the clock keeps running.
 */
export async function transferStep(
  actor: AuthUser,
  applicationId: number,
  input: { userId: number; comment?: string; version?: number },
  t: Transaction,
  now = currentTime(),
) {
  const app = await findVisibleApplication(actor, applicationId, t);
  if (input.version !== undefined && input.version !== app.version) {
    throw new AppError('STATE_CONFLICT');
  }
  if (!applicationPolicy.transfer(actor, app)) {
    // The same rule answers `permissions.transfer`; the refusal says which half of it failed.
    if (!applicationPolicy.transferableStep(app)) {
      throw new AppError('ACTION_NOT_ALLOWED', '当前步骤不能转交');
    }
    throw new ForbiddenError('只有当前办理人、技术部门负责人或管理员可以转交');
  }
  const target = await User.findOne({
    where: { id: input.userId, kind: 'staff', enabled: true },
    include: [{ model: UserRole, as: 'roles', where: { role: app.currentRole }, required: true }],
    transaction: t,
  });
  if (!target) {
    const role = ROLE_LABELS[app.currentRole as ActorRole] ?? app.currentRole;
    throw fieldError('userId', `转交对象必须是在职的${role}`);
  }
  const version = app.version;
  const chained = chainEntry(
    {
      applicationId: app.id,
      action: TRANSFER_HISTORY_ACTION,
      actionLabel: '转交',
      fromState: app.state,
      toState: app.state,
      actorUserId: actor.id,
      actorRole: actor.roles[0] ?? null,
      actorName: actor.displayName,
      comment: input.comment?.trim() || null,
      attachmentIds: [],
      payload: { fromUserId: app.currentAssigneeId, toUserId: target.id, toName: target.displayName },
      stepStartedAt: app.stateEnteredAt,
      at: now,
      clock: STATES[app.state].clock,
      newStep: false,
    },
    app,
  );
  await updateApplication(app.id, version, { currentAssigneeId: target.id, version: version + 1, ...chained.head }, t);
  const history = await insertHistory(chained, t);
  await queueMessages(
    [staffWork(app, { stateLabel: STATES[app.state].label, role: app.currentRole, assigneeId: target.id, historyId: history.id, at: now })],
    t,
  );
  await app.reload({ transaction: t });
  return app;
}
