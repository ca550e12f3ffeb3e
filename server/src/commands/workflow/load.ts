import { Op, type Transaction } from 'sequelize';
import { getFlow, type ActionKey, type MaterialSettings, type NotificationSender, type StaffRole, type StateKey } from '@wc/shared';
import type { AuthUser } from '../../context';
import { selectModels } from '../../db/selectRows';
import { NotFoundError } from '../../errors';
import { Application, Contract, User, UserRole } from '../../models';
import type { ContractStageSnapshot } from '../../models/Contract';
import { applicationPolicy } from '../../policies/application';
import { deniedAsNotFound } from '../accessDenials';
import type { WorkCalendar } from '../../lib/deadlines';
import { materialSettings } from '../materials';
import { reasonCategories, type ReasonCategoryRow } from '../reasons';
import { contractStages, loadCalendar, stepConfigs, type StepConfig } from '../settings';
import { notificationSender } from '../utilityProfile';
import type { ActionInputData } from './actionInput';
import { loadContracts, loadCurrentFiles, type CurrentFile } from './facts';

/** Everything an action decides on, read once, with the application locked until the transaction ends. */
export interface LoadedApplication {
  app: Application;
  contract: Contract | null;
  /** Current (not superseded) files. */
  files: CurrentFile[];
  /** Thresholds and default assignees of the flow's steps. */
  steps: ReadonlyMap<StateKey, StepConfig>;
  /** The entered working-day calendar, for the due time of the step the action enters. */
  calendar: WorkCalendar;
  /** The configured approval stages, when the action may start them. */
  stageSettings: ContractStageSnapshot[] | null;
  /** The roles of the enabled staff among the assignees the request names. */
  assigneeRoles: Map<number, readonly StaffRole[]>;
  /** Whether the contract number the request gives belongs to another contract. */
  contractNumberTaken: boolean;
  /** 申请材料设置 (which papers the review needs); the defaults when absent. */
  materials?: MaterialSettings;
  /** Who the applicant's notice comes from (单位信息). */
  sender: NotificationSender;
  /** 原因类别, when the action asks one. */
  reasons?: readonly ReasonCategoryRow[];
}

/**
 * The application's row, locked on MariaDB (SELECT … FOR UPDATE) before anything else of it is read:
 * a second action on it waits here and then decides on what the first one committed. SQLite has one
 * writer at a time, so there the transaction itself is the lock. Connections read at READ COMMITTED
 * (db/sequelize.ts), so the reads after the lock see what the lock protects.
 */
export async function lockApplication(id: number, t: Transaction): Promise<Application | null> {
  const lock = Application.sequelize!.getDialect() === 'mysql' ? ' FOR UPDATE' : '';
  const [app] = await selectModels(Application, `WHERE id = ?${lock}`, [id], t);
  return app ?? null;
}

async function rolesOf(ids: number[], t: Transaction): Promise<Map<number, readonly StaffRole[]>> {
  if (ids.length === 0) {
    return new Map();
  }
  const users = await User.findAll({
    attributes: ['id'],
    where: { id: { [Op.in]: ids }, kind: 'staff', enabled: true },
    include: [{ model: UserRole, as: 'roles', attributes: ['role'] }],
    transaction: t,
  });
  return new Map(users.map((u) => [u.id, (u.roles ?? []).map((r) => r.role)]));
}

/** Loads what `action` on application `id` needs, after checking that `actor` may see the application at all. */
export async function loadForAction(
  id: number,
  action: ActionKey,
  actor: AuthUser,
  input: ActionInputData,
  t: Transaction,
): Promise<LoadedApplication> {
  const app = await lockApplication(id, t);
  if (!app) {
    throw new NotFoundError('未找到该报装申请');
  }
  if (!applicationPolicy.read(actor, app)) {
    throw deniedAsNotFound(actor, 'application', id, '未找到该报装申请');
  }
  const def = getFlow(app.flow, app.workflowVersion).actions.find((a) => a.key === action);
  const number = input.contract?.number;
  const [[contract], files, steps, calendar, stageSettings, assigneeRoles, otherContracts, materials, sender, reasons] = await Promise.all([
    loadContracts([app.id], t),
    loadCurrentFiles([app.id], t),
    stepConfigs(app.flow, t),
    loadCalendar(t),
    def?.effects?.includes('startContractStages') ? contractStages(t) : null,
    rolesOf(Object.values(input.assignees ?? {}), t),
    number ? Contract.count({ where: { number, applicationId: { [Op.ne]: app.id } }, transaction: t }) : 0,
    materialSettings(t),
    // One row by its key: cheaper to read than to decide whether this action will notify.
    notificationSender(t),
    def?.reason ? reasonCategories(t) : undefined,
  ]);
  return {
    app,
    contract: contract ?? null,
    files,
    steps,
    calendar,
    stageSettings,
    assigneeRoles,
    contractNumberTaken: otherContracts > 0,
    materials,
    sender,
    reasons,
  };
}
