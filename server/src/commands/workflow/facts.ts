import type { Transaction } from 'sequelize';
import {
  DEFAULT_MATERIAL_SETTINGS,
  isContractComplete,
  isDispatchSheetComplete,
  missingMaterials,
  type AttachmentCategory,
  type MaterialSettings,
  type FlowKey,
  type StateKey,
  type WorkflowFacts,
} from '@wc/shared';
import { selectModels, selectRows } from '../../db/selectRows';
import { type Application, Attachment, Contract } from '../../models';
import { materialSettings } from '../materials';
import type { StepConfig } from '../settings';

/** A current (not superseded) file, as much of it as the facts and a decision's record need. */
export interface CurrentFile {
  id: number;
  application_id: number;
  category: AttachmentCategory;
  history_id: number | null;
  sha256: string;
  display_name: string;
}

/** The facts the pure workflow decides on, from an application, its current files and its contract. */
export function factsOf(
  app: Pick<Application, 'flow' | 'state' | 'channel' | 'applicantUserId' | 'contractStage' | 'dispatchSheet' | 'hadVisaOrChange'> &
    Partial<Pick<Application, 'meter'>>,
  files: readonly Pick<CurrentFile, 'category' | 'history_id'>[],
  contract: Pick<Contract, 'ownerStatus' | 'stages' | 'number' | 'name' | 'place' | 'partyA' | 'partyB' | 'amount'> | null,
  materials: MaterialSettings = DEFAULT_MATERIAL_SETTINGS,
): WorkflowFacts {
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
    missingMaterials: missingMaterials(materials, app.flow, [...current]),
    meterRecorded: app.meter !== null && app.meter !== undefined,
  };
}

/** The contracts of these applications (at most one each). */
export function loadContracts(ids: number[], t?: Transaction): Promise<Contract[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  // Every action and detail view reads them: hand-written (db/selectRows.ts).
  return selectModels(Contract, 'WHERE application_id IN (?)', [ids], t);
}

/** The current files of these applications: every action reads them to decide, every view to present. */
export function loadCurrentFiles(ids: number[], t?: Transaction): Promise<CurrentFile[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return selectRows<CurrentFile>(
    Attachment,
    'SELECT id, application_id, category, history_id, sha256, display_name FROM attachments WHERE application_id IN (?) AND superseded_by_id IS NULL',
    [ids],
    t,
  );
}

/** What the presenters already hold for these applications; what is missing is read. */
export interface KnownRows {
  /** Read already, or being read (a detail page reads them beside everything else). */
  contracts?: Contract[] | Promise<Contract[]>;
  files?: CurrentFile[];
  /** 申请材料设置. */
  materials?: MaterialSettings;
  /** Step settings by flow. */
  steps?: ReadonlyMap<FlowKey, ReadonlyMap<StateKey, StepConfig>>;
}

/**
 * The facts the pure workflow needs about many applications, in two queries, or none where the
 * caller passes what it has already read (an action passes what it loaded and wrote).
 */
export async function loadFactsMany(apps: Application[], t?: Transaction, known: KnownRows = {}): Promise<Map<number, WorkflowFacts>> {
  const ids = apps.map((a) => a.id);
  if (ids.length === 0) {
    return new Map();
  }
  const [files, contracts, materials] = await Promise.all([
    known.files ?? loadCurrentFiles(ids, t),
    known.contracts ?? loadContracts(ids, t),
    known.materials ?? materialSettings(t),
  ]);
  const byApp = new Map<number, CurrentFile[]>();
  for (const file of files) {
    const own = byApp.get(file.application_id);
    if (own) {
      own.push(file);
    } else {
      byApp.set(file.application_id, [file]);
    }
  }
  const contractByApp = new Map(contracts.map((c) => [c.applicationId, c]));
  return new Map(apps.map((app) => [app.id, factsOf(app, byApp.get(app.id) ?? [], contractByApp.get(app.id) ?? null, materials)]));
}

/** The facts of one application. */
export async function loadFacts(app: Application, t?: Transaction): Promise<WorkflowFacts> {
  const facts = (await loadFactsMany([app], t)).get(app.id);
  if (!facts) {
    throw new Error('facts not loaded');
  }
  return facts;
}
