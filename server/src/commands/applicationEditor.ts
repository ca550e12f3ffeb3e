import type { Transaction } from 'sequelize';
import {
  EDIT_HISTORY_ACTION,
  EDIT_HISTORY_LABEL,
  STATES,
  formChanges,
  storedFormValues,
  type ApplicationForm,
  type EditHistoryPayload,
  type FormValues,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { AppError, ForbiddenError, fieldError } from '../errors';
import type { Application } from '../models';
import { updateApplication } from './applicationRows';
import { applicationPolicy } from '../policies/application';
import { findVisibleApplication } from './applicationViews';
import { recordAudit } from './audit';
import { chainEntry, insertHistory } from './workflow/history';

function formValuesOf(app: Application): FormValues {
  return {
    name: app.name,
    creditCode: app.creditCode,
    contactName: app.contactName,
    contactPhone: app.contactPhone,
    address: app.address,
    waterAddress: app.waterAddress,
    waterType: app.waterType,
    buildingArea: app.buildingArea,
    caliber: app.caliber,
    externalWorks: app.externalWorks,
  };
}

/**
 * Saves a corrected form while the application is returned (已退回). The kind cannot change: it
 * chose the flow. State, number, amounts and assignees are not part of the form and cannot be set here.
 * A change is recorded twice in the same transaction: in 报装记录 (修改申请, each field old → new,
 * chained like every entry, shown to the applicant too) and in the audit log (who changed which fields).
 */
export async function editApplication(
  actor: AuthUser,
  id: number,
  form: ApplicationForm,
  version: number | undefined,
  t: Transaction,
  context: { ip?: string; now?: Date } = {},
): Promise<Application> {
  const now = context.now ?? new Date();
  const app = await findVisibleApplication(actor, id, t);
  const role = applicationPolicy.editingRole(actor, app);
  if (role === null) {
    if (app.state !== 'returned') {
      throw new AppError('ACTION_NOT_ALLOWED', '只有被退回的申请可以修改');
    }
    throw new ForbiddenError();
  }
  if (form.kind !== app.flow) {
    throw fieldError('kind', '报装用户类型不能修改，如需更改请撤销后重新申请');
  }
  const current = version ?? app.version;
  if (current !== app.version) {
    // The entry below is chained to the head read with this version: a stale one cannot be saved.
    throw new AppError('STATE_CONFLICT');
  }
  const after = storedFormValues(form);
  const changes = formChanges(app.flow, formValuesOf(app), after);
  const payload: EditHistoryPayload = { changes };
  const chained =
    changes.length > 0
      ? chainEntry(
          {
            applicationId: app.id,
            action: EDIT_HISTORY_ACTION,
            actionLabel: EDIT_HISTORY_LABEL,
            fromState: app.state,
            toState: app.state,
            actorUserId: actor.id,
            actorRole: role,
            actorName: actor.displayName,
            comment: null,
            attachmentIds: [],
            payload,
            stepStartedAt: app.stateEnteredAt,
            at: now,
            clock: STATES[app.state].clock,
            newStep: false,
          },
          app,
        )
      : null;
  await updateApplication(app.id, current, { ...after, version: current + 1, ...(chained ? chained.head : {}) }, t, { state: 'returned' });
  if (chained) {
    const entry = await insertHistory(chained, t);
    // Which fields, not their values: the values (phone numbers among them) stay in 报装记录.
    await recordAudit(
      {
        actorUserId: actor.id,
        action: 'application.edit',
        targetType: 'application',
        targetId: app.id,
        data: { number: app.number, fields: changes.map((c) => c.field), historyId: entry.id },
        ip: context.ip,
      },
      t,
      now,
    );
  }
  await app.reload({ transaction: t });
  return app;
}
