import {
  APPLICANT_KIND_LABELS,
  CHANNEL_LABELS,
  ROLE_LABELS,
  ROUTE_LABELS,
  STATES,
  WATER_TYPE_LABELS,
  amountDue,
  availableActions,
  hasStaffDeadline,
  formatElapsed,
  getFlow,
  maskCreditCode,
  maskPhone,
  type ActorRole,
  type ApplicationView,
  type WorkflowFacts,
} from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application, Contract, User } from '../models';
import { applicationPolicy } from '../policies/application';
import type { StepConfig } from '../commands/settings';
import { presentPermissions } from './permissions';

export interface PresentOptions {
  viewer: AuthUser;
  facts: WorkflowFacts;
  stepConfig: StepConfig | undefined;
  contract: Contract | null;
  assignee: Pick<User, 'id' | 'displayName'> | null;
  /** Whether the application has its 服务评价 already. */
  rated: boolean;
  now: Date;
}

/** The JSON shape of an application for lists and detail: labels, both clocks, and what the viewer may do now (actions and permissions). */
export function presentApplication(app: Application, options: PresentOptions): ApplicationView {
  const { viewer, now } = options;
  const def = STATES[app.state];
  const elapsedMs = Math.max(0, now.getTime() - app.stateEnteredAt.getTime());
  const stage =
    app.state === 'contract_review' && app.contractStage && options.contract ? options.contract.stages[app.contractStage - 1] : undefined;
  const fullContact = applicationPolicy.seeContactDetails(viewer, app);
  const handlerRole = app.currentRole;
  const flow = getFlow(app.flow, app.workflowVersion);
  // The utility's own steps show their deadline to everyone; a chased customer step (缴费…) only to
  // staff, for whom it turns red: the applicant is reminded instead.
  const deadlineShown = hasStaffDeadline(app.state) && (def.clock === 'utility' || viewer.kind === 'staff');
  return {
    id: app.id,
    number: app.number,
    kind: app.flow,
    kindLabel: APPLICANT_KIND_LABELS[app.flow],
    channel: app.channel,
    channelLabel: CHANNEL_LABELS[app.channel],
    name: app.name,
    creditCode: app.creditCode ? (fullContact ? app.creditCode : maskCreditCode(app.creditCode)) : null,
    contactName: app.contactName,
    contactPhone: fullContact ? app.contactPhone : maskPhone(app.contactPhone),
    address: app.address,
    waterAddress: app.waterAddress,
    waterType: app.waterType,
    waterTypeLabel: WATER_TYPE_LABELS[app.waterType],
    buildingArea: app.buildingArea,
    caliber: app.caliber,
    externalWorks: app.externalWorks,
    createdAt: app.createdAt.toISOString(),
    state: app.state,
    stateLabel: stage ? `${def.label}（${stage.name}）` : def.label,
    terminal: def.terminal === true,
    workflowVersion: app.workflowVersion,
    route: flow.route,
    routeLabel: ROUTE_LABELS[flow.route],
    version: app.version,
    step: {
      state: app.state,
      label: def.label,
      customerLabel: def.customerLabel,
      enteredAt: app.stateEnteredAt.toISOString(),
      elapsedMs,
      elapsedText: formatElapsed(elapsedMs),
      clock: def.clock,
      threshold: deadlineShown ? (options.stepConfig?.threshold ?? null) : null,
      dueAt: deadlineShown && app.dueAt ? app.dueAt.toISOString() : null,
      overdue: deadlineShown && app.dueAt !== null && app.dueAt.getTime() < now.getTime(),
      handlerRole,
      handlerLabel: handlerRole ? (ROLE_LABELS[handlerRole as ActorRole] ?? handlerRole) : null,
      assignee: options.assignee ? { id: options.assignee.id, name: options.assignee.displayName } : null,
      contractStage:
        stage && app.contractStage && options.contract
          ? { position: app.contractStage, name: stage.name, count: options.contract.stages.length }
          : null,
    },
    paid: app.paid,
    unpaidApproved: app.unpaidApproved,
    hadVisaOrChange: app.hadVisaOrChange,
    budgetTotal: app.budgetTotal,
    finalAmount: app.finalAmount,
    amountDue: amountDue({ contractAmount: options.contract?.amount, budgetTotal: app.budgetTotal }),
    utilityMs: app.utilityMs,
    customerMs: app.customerMs,
    completedAt: app.completedAt ? app.completedAt.toISOString() : null,
    applicantUserId: app.applicantUserId,
    availableActions: availableActions(flow, options.facts, { userId: viewer.id, kind: viewer.kind, roles: viewer.roles }),
    permissions: presentPermissions(viewer, app, options.facts, options.rated),
  };
}
