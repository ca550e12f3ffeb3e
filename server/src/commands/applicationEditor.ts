import type { Transaction } from 'sequelize';
import type { ApplicationForm } from '@wc/shared';
import type { AuthUser } from '../context';
import { AppError, ForbiddenError, fieldError } from '../errors';
import { Application } from '../models';
import { applicationPolicy } from '../policies/application';
import { findVisibleApplication } from './applicationViews';

/**
 * Saves a corrected form while the application is returned (已退回). The kind cannot change: it
 * chose the flow. State, number, amounts and assignees are not part of the form and cannot be set here.
 */
export async function editApplication(
  actor: AuthUser,
  id: number,
  form: ApplicationForm,
  version: number | undefined,
  t: Transaction,
): Promise<Application> {
  const app = await findVisibleApplication(actor, id, t);
  if (!applicationPolicy.edit(actor, app)) {
    if (app.state !== 'returned') {
      throw new AppError('ACTION_NOT_ALLOWED', '只有被退回的申请可以修改');
    }
    throw new ForbiddenError();
  }
  if (form.kind !== app.flow) {
    throw fieldError('kind', '报装用户类型不能修改，如需更改请撤销后重新申请');
  }
  const current = version ?? app.version;
  const [updated] = await Application.update(
    {
      name: form.name,
      creditCode: form.kind === 'enterprise' ? (form.creditCode ?? null) : null,
      contactName: form.contactName ?? (form.kind === 'resident' ? form.name : null),
      contactPhone: form.contactPhone,
      address: form.address,
      waterAddress: form.waterAddress,
      waterType: form.waterType,
      buildingArea: form.buildingArea,
      version: current + 1,
    },
    { where: { id: app.id, version: current, state: 'returned' }, transaction: t },
  );
  if (updated !== 1) {
    throw new AppError('STATE_CONFLICT');
  }
  await app.reload({ transaction: t });
  return app;
}
