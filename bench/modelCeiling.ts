/**
 * The floor under P3 for a server that writes through Sequelize's models, as the issue asks ours to
 * (no hand-written SQL beside Sequelize): Koa, @koa/router, the JSON body parser and the server's
 * own data access — its models and its read helpers (`db/selectRows.ts`, the facts' loaders) — making
 * the calls ours makes for a transition, call for call (the login check, the key claimed by
 * `IdempotencyKey.create`, the application locked, its contract and files, the settings' versions,
 * `Application.update` of the same twelve attributes, `HistoryEntry.create`, the notifications'
 * `bulkCreate`, on 重新提交 the assignee's name, the stored reply), and nothing else of ours: no
 * token check, no validation, no workflow, no plan, no hash chain, no reply to present. What ours
 * reaches against this is what our own code costs; what this reaches against `stackCeiling.ts`
 * (the same statements raw) is what the model layer costs. Run by `bench/run.ts` with PORT and
 * DATABASE_URL.
 */
import { bodyParser } from '@koa/bodyparser';
import { QueryTypes, type CreationAttributes } from 'sequelize';
import { databaseDialectOf } from '../server/src/config';
import { createSequelize } from '../server/src/db/sequelize';
import { withTransaction } from '../server/src/db/transaction';
import { selectModels } from '../server/src/db/selectRows';
import { loadContracts, loadCurrentFiles } from '../server/src/commands/workflow/facts';
import { Application, HistoryEntry, IdempotencyKey, OutboxMessage, SettingsVersion, initModels } from '../server/src/models';
import { ceilingRouter, serveCeiling } from './ceilingServer';
import { LOGIN_CHECK, notice, randomHash } from './transitions';

const databaseUrl = process.env.DATABASE_URL ?? '';
const sequelize = createSequelize({ databaseUrl, databaseDialect: databaseDialectOf(databaseUrl) });
initModels(sequelize);
const lock = sequelize.getDialect() === 'mysql' ? ' FOR UPDATE' : '';

const { router, firstUser } = ceilingRouter(sequelize);

router.post('/api/applications/:id/actions/:action', bodyParser(), async (ctx) => {
  const id = Number(ctx.params.id);
  const userId = await firstUser;
  await sequelize.query(LOGIN_CHECK, { replacements: [userId], type: QueryTypes.SELECT });
  const state = await withTransaction(sequelize, async (t) => {
    const key = await IdempotencyKey.create(
      {
        userId,
        idemKey: `models-${randomHash()}`,
        method: 'POST',
        path: ctx.path,
        requestHash: randomHash(),
        statusCode: null,
        responseBody: null,
      },
      { transaction: t, validate: false },
    );
    const [app] = await selectModels(Application, `WHERE id = ?${lock}`, [id], t);
    if (!app) {
      throw new Error(`application ${id} not found`);
    }
    await Promise.all([
      loadContracts([id], t),
      loadCurrentFiles([id], t),
      SettingsVersion.findAll({ attributes: ['name', 'version'], transaction: t, raw: true }),
    ]);
    const rejecting = app.state === 'dispatching';
    const next = rejecting ? 'returned' : 'dispatching';
    const now = new Date();
    const stepMs = now.getTime() - app.stateEnteredAt.getTime();
    const hash = randomHash();
    const [updated] = await Application.update(
      {
        ...(rejecting ? { utilityMs: app.utilityMs + stepMs } : { customerMs: app.customerMs + stepMs }),
        state: next,
        stateEnteredAt: now,
        dueAt: rejecting ? null : new Date(now.getTime() + 86_400_000),
        currentRole: rejecting ? 'applicant' : 'tech_head',
        currentAssigneeId: rejecting ? null : userId,
        completedAt: null,
        contractStage: null,
        historySeq: app.historySeq + 1,
        historyHash: hash,
        version: app.version + 1,
        updatedAt: now,
      },
      { where: { id, version: app.version }, transaction: t },
    );
    if (updated !== 1) {
      throw new Error('conflict');
    }
    const reason = rejecting ? { id: 1, name: '材料不全' } : null;
    const history = await HistoryEntry.create(
      {
        applicationId: id,
        seq: app.historySeq + 1,
        action: rejecting ? 'reject_dispatch' : 'resubmit',
        actionLabel: rejecting ? '不予派工' : '重新提交',
        fromState: app.state,
        toState: next,
        actorUserId: userId,
        actorRole: rejecting ? 'tech_head' : 'window',
        actorName: 'bench',
        comment: '性能测试',
        attachmentIds: [],
        payload: reason ? { reason } : {},
        stepStartedAt: app.stateEnteredAt,
        durationMs: stepMs,
        clock: rejecting ? 'utility' : 'customer',
        newStep: true,
        reasonCategoryId: reason?.id ?? null,
        prevHash: app.historyHash,
        hash,
        at: now,
      },
      { transaction: t, validate: false },
    );
    const applicantNotice: CreationAttributes<OutboxMessage> = {
      applicationId: id,
      historyId: history.id,
      event: rejecting ? 'returned' : 'submitted',
      audience: 'applicant',
      recipientUserId: null,
      payload: notice('申请', app.number, { stateLabel: next }),
      nextAttemptAt: now,
      status: 'pending',
      attempts: 0,
    };
    const messages = [applicantNotice];
    if (!rejecting) {
      messages.push({
        ...applicantNotice,
        event: 'new_work',
        audience: 'staff',
        recipientUserId: userId,
        payload: notice('新的待办', app.number, { role: 'tech_head', stateLabel: '待派工' }),
      });
    }
    await OutboxMessage.bulkCreate(messages, { transaction: t });
    if (!rejecting) {
      await sequelize.query('SELECT id, display_name AS displayName FROM users WHERE id IN (?)', {
        replacements: [[userId]],
        transaction: t,
        type: QueryTypes.SELECT,
      });
    }
    await IdempotencyKey.update(
      { statusCode: 200, responseBody: JSON.stringify({ data: { id, state: next } }) },
      { where: { id: key.id }, transaction: t, validate: false },
    );
    return next;
  });
  ctx.body = { data: { id, state } };
});

serveCeiling(router);
