import type { Transaction } from 'sequelize';
import { isContractComplete, isDispatchSheetComplete, type AttachmentCategory, type WorkflowFacts } from '@wc/shared';
import { selectModels, selectRows } from '../../db/selectRows';
import { readOnce } from '../../db/transactionReads';
import { type Application, Attachment, Contract } from '../../models';

/** What the facts need of a current (not superseded) file. */
interface FactFileRow {
  application_id: number;
  category: AttachmentCategory;
  history_id: number | null;
}

function factsOf(app: Application, files: FactFileRow[], contract: Contract | null): WorkflowFacts {
  const current = new Set<AttachmentCategory>();
  const fresh = new Set<AttachmentCategory>();
  for (const file of files) {
    current.add(file.category);
    if (file.history_id === null) {
      fresh.add(file.category);
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
  // Every action and detail view reads them: hand-written (db/selectRows.ts).
  return readOnce(t, Contract.tableName, ids.join(','), () => selectModels(Contract, 'WHERE application_id IN (?)', [ids], t));
}

/**
 * The current files of these applications, as much of them as the facts need. Every action reads
 * them to decide, and its reply to present: hand-written, and read once per transaction.
 */
function loadFactFiles(ids: number[], t?: Transaction): Promise<FactFileRow[]> {
  return readOnce(t, Attachment.tableName, `facts:${ids.join(',')}`, () =>
    selectRows<FactFileRow>(
      Attachment,
      'SELECT application_id, category, history_id FROM attachments WHERE application_id IN (?) AND superseded_by_id IS NULL',
      [ids],
      t,
    ),
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
  const [files, contracts] = await Promise.all([loadFactFiles(ids, t), contractsLoading ?? loadContracts(ids, t)]);
  const byApp = new Map<number, FactFileRow[]>();
  for (const file of files) {
    const own = byApp.get(file.application_id);
    if (own) {
      own.push(file);
    } else {
      byApp.set(file.application_id, [file]);
    }
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
