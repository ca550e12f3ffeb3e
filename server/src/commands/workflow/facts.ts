import { Op, type Transaction } from 'sequelize';
import { isContractComplete, isDispatchSheetComplete, type AttachmentCategory, type WorkflowFacts } from '@wc/shared';
import { readOnce } from '../../db/transactionReads';
import { type Application, Attachment, Contract } from '../../models';

function factsOf(app: Application, attachments: Attachment[], contract: Contract | null): WorkflowFacts {
  const current = new Set<AttachmentCategory>();
  const fresh = new Set<AttachmentCategory>();
  for (const a of attachments) {
    current.add(a.category);
    if (a.historyId === null) {
      fresh.add(a.category);
    }
  }
  return {
    flow: app.flow,
    state: app.state,
    channel: app.channel,
    applicantUserId: app.applicantUserId,
    newAttachments: [...fresh],
    currentAttachments: [...current],
    contract: contract
      ? {
          complete: isContractComplete(contract),
          ownerStatus: contract.ownerStatus,
          stage: app.contractStage ?? 0,
          stageRoles: contract.stages.map((s) => s.role),
        }
      : null,
    dispatchSheetComplete: isDispatchSheetComplete(app.dispatchSheet),
    hadVisaOrChange: app.hadVisaOrChange,
  };
}

/** The contracts of these applications (at most one each); read once per transaction. */
export function loadContracts(ids: number[], t?: Transaction): Promise<Contract[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return readOnce(t, Contract.tableName, ids.join(','), () =>
    Contract.findAll({ where: { applicationId: { [Op.in]: ids } }, transaction: t }),
  );
}

/** The current files of these applications, as much of them as the facts need; read once per transaction. */
function loadFactFiles(ids: number[], t?: Transaction): Promise<Attachment[]> {
  return readOnce(t, Attachment.tableName, `facts:${ids.join(',')}`, () =>
    Attachment.findAll({
      attributes: ['id', 'applicationId', 'category', 'historyId'],
      where: { applicationId: { [Op.in]: ids }, supersededById: null },
      transaction: t,
    }),
  );
}

/**
 * The facts the pure workflow needs about many applications, in two queries (one when the caller
 * has already asked for the contracts, which the presenters need too).
 */
export async function loadFactsMany(
  apps: Application[],
  t?: Transaction,
  contractsLoading?: Promise<Contract[]>,
): Promise<Map<number, WorkflowFacts>> {
  const ids = apps.map((a) => a.id);
  if (ids.length === 0) {
    return new Map();
  }
  const [attachments, contracts] = await Promise.all([loadFactFiles(ids, t), contractsLoading ?? loadContracts(ids, t)]);
  const byApp = new Map<number, Attachment[]>();
  for (const a of attachments) {
    byApp.set(a.applicationId, [...(byApp.get(a.applicationId) ?? []), a]);
  }
  const contractByApp = new Map(contracts.map((c) => [c.applicationId, c]));
  return new Map(apps.map((app) => [app.id, factsOf(app, byApp.get(app.id) ?? [], contractByApp.get(app.id) ?? null)]));
}

/** The facts of one application. */
export async function loadFacts(app: Application, t?: Transaction): Promise<WorkflowFacts> {
  const facts = (await loadFactsMany([app], t)).get(app.id);
  if (!facts) {
    throw new Error('facts not loaded');
  }
  return facts;
}

/** The current (not superseded) attachment of a versioned category, or null. */
export function currentAttachment(applicationId: number, category: AttachmentCategory, t?: Transaction) {
  return Attachment.findOne({
    where: { applicationId, category, supersededById: null },
    order: [['id', 'DESC']],
    transaction: t,
  });
}
