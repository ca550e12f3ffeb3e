import type { Transaction } from 'sequelize';
import {
  ROUTE_LABELS,
  STATES,
  chinaDayKey,
  formatApplicationNumber,
  getFlow,
  initialState,
  routeVersion,
  storedFormValues,
  type ApplicationForm,
  type Channel,
} from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';
import { insertApplication, updateApplication } from './applicationRows';
import { nextCounterValue } from './counters';
import { chooseFastTrackRule } from './fastTrack';
import { loadCalendar, stepConfigs } from './settings';
import { chainEntry, insertHistory } from './workflow/history';
import { applicantNotification, queueMessages, staffWork } from './workflow/outbox';
import { routeStep } from './workflow/routing';
import { notificationSender } from './utilityProfile';
import { currentTime } from '../services';

interface CreateApplication {
  form: ApplicationForm;
  channel: Channel;
  actor: AuthUser;
  /** The applicant account the application belongs to (the actor for online applications). */
  applicantUserId: number | null;
  now?: Date;
}

/**
 * Creates an application (新增报装) with its number, its first step and its first history entry,
 * all in the caller's transaction.
 */
export async function createApplication(params: CreateApplication, t: Transaction): Promise<Application> {
  const now = params.now ?? currentTime();
  const { form, channel, actor } = params;
  const flow = form.kind;
  // The first enabled fast-track rule the form meets picks the fast route's version; the version
  // stays with the application, so later rule changes move only new applications.
  const rule = await chooseFastTrackRule(
    { kind: flow, waterType: form.waterType, channel, caliber: form.caliber ?? null, externalWorks: form.externalWorks ?? null },
    t,
  );
  const workflowVersion = routeVersion(flow, rule ? 'fast' : 'standard');
  const state = initialState(getFlow(flow, workflowVersion), channel);
  const sequence = await nextCounterValue(`BZ${chinaDayKey(now)}`, t);
  const [configs, calendar] = await Promise.all([stepConfigs(flow, t), loadCalendar(t)]);
  const routing = routeStep({ assignees: {}, applicantUserId: params.applicantUserId }, state, now, configs, null, calendar);

  const app = await insertApplication(
    {
      number: formatApplicationNumber(now, sequence),
      flow,
      channel,
      applicantUserId: params.applicantUserId,
      createdByUserId: actor.id,
      ...storedFormValues(form),
      state,
      workflowVersion,
      stateEnteredAt: now,
      dueAt: routing.dueAt,
      currentRole: routing.currentRole,
      currentAssigneeId: routing.currentAssigneeId,
      assignees: {},
      contractStage: null,
      budgetTotal: null,
      finalAmount: null,
      dispatchSheet: null,
      payment: null,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    },
    t,
  );

  // The first entry of the chain; the application's row holds its head from now on.
  const chained = chainEntry(
    {
      applicationId: app.id,
      action: 'create',
      actionLabel: channel === 'window' ? '窗口受理' : '提交申请',
      fromState: null,
      toState: state,
      actorUserId: actor.id,
      actorRole: actor.kind === 'applicant' ? 'applicant' : 'window_clerk',
      actorName: actor.displayName,
      comment: null,
      attachmentIds: [],
      // The rule that chose the fast route, by id and by its name then (a rule may be renamed or removed).
      payload: rule ? { route: 'fast', rule: { id: rule.id, name: rule.name }, summary: `${ROUTE_LABELS.fast}（规则：${rule.name}）` } : {},
      stepStartedAt: null,
      at: now,
      clock: 'none',
      newStep: true,
    },
    { historySeq: 0, historyHash: null },
  );
  // The new row's version stays: the first entry's head is part of its creation.
  await updateApplication(app.id, app.version, chained.head, t);
  app.set(chained.head);
  const history = await insertHistory(chained, t);
  const stateLabel = STATES[state].label;
  await queueMessages(
    [
      ...(channel === 'online'
        ? [
            applicantNotification(app, 'submitted', {
              historyId: history.id,
              comment: null,
              stateLabel,
              at: now,
              sender: await notificationSender(t),
            }),
          ]
        : []),
      staffWork(app, { stateLabel, role: routing.currentRole, assigneeId: routing.currentAssigneeId, historyId: history.id, at: now }),
    ],
    t,
  );
  return app;
}
