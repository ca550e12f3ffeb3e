import fc from 'fast-check';
import {
  ATTACHMENT_CATEGORIES,
  applicationFormSchema,
  DEFAULT_CONTRACT_STAGES,
  availableActions,
  getFlow,
  isActionKey,
  behaviourOf,
  transition,
  uploadableCategories,
  type Actor,
  type AttachmentCategory,
  type FlowDef,
  type StaffRole,
  type WorkflowFacts,
} from '@wc/shared';
import { createApplication } from '../../src/commands/applicationCreator';
import { presentApplications } from '../../src/commands/applicationViews';
import { storeAttachment } from '../../src/commands/attachments/storeAttachment';
import { loadFacts } from '../../src/commands/workflow/facts';
import { performAction } from '../../src/commands/workflow/transitioner';
import type { AuthUser } from '../../src/context';
import { withTransaction } from '../../src/db/transaction';
import { AppError } from '../../src/errors';
import { Application, Contract, FastTrackRule, HistoryEntry, ReasonCategory } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, residentForm } from '../support/factories';
import { budgetXlsx, dwg, pdf, png } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * Model-based test: random sequences of actions by random people, run against the real server
 * commands on a real database and against the pure shared model side by side. After every step the
 * server's application must equal the model's, and every refused action must have changed nothing.
 */

const ROLES: StaffRole[] = [
  'window_clerk',
  'reviewer',
  'tech_head',
  'surveyor',
  'designer',
  'budgeter',
  'contract_clerk',
  'contract_approver',
  'cashier',
  'leader',
  'constructor',
  'acceptor',
];
const STAGE_ROLES = DEFAULT_CONTRACT_STAGES.map((s) => s.role as StaffRole);
const RUNS = Number(process.env.MODEL_RUNS ?? 1000);

let server: TestServer;
let staff: Record<StaffRole, AuthUser>;
let owner: AuthUser;
let stranger: AuthUser;
/** 其他, as seeded: the 原因类别 returns and rejections give. */
let reasonId: number;
const files: Partial<Record<AttachmentCategory, Buffer>> = {};

beforeAll(async () => {
  server = await startTestServer();
  const people = await Promise.all(ROLES.map((r) => createStaff(server.url, [r])));
  staff = Object.fromEntries(ROLES.map((r, i) => [r, people[i]?.auth])) as Record<StaffRole, AuthUser>;
  owner = (await createApplicant(server.url, 'enterprise')).auth;
  stranger = (await createApplicant(server.url, 'enterprise')).auth;
  reasonId = (await ReasonCategory.findOne({ where: { label: '其他' } }))!.id;
  // 快速通道: forms that answer caliber ≤ DN40 and no external works take their flow's fast route.
  await FastTrackRule.create({
    name: '模型测试小口径',
    enabled: true,
    position: 1,
    conditions: { kinds: ['enterprise', 'resident'], waterTypes: [], maxCaliber: 40, noExternalWorks: true, channels: [] },
  });
  const xlsx = await budgetXlsx();
  for (const [category, def] of Object.entries(ATTACHMENT_CATEGORIES) as [
    AttachmentCategory,
    (typeof ATTACHMENT_CATEGORIES)[AttachmentCategory],
  ][]) {
    const kinds: readonly string[] = def.kinds;
    files[category] = kinds.includes('png') ? png() : kinds.includes('pdf') ? pdf() : kinds.includes('xlsx') ? xlsx : dwg();
  }
});
afterAll(() => server.close());

type Who = StaffRole | 'owner' | 'stranger';
const WHO: Who[] = [...ROLES, 'owner', 'stranger'];

function userOf(who: Who): AuthUser {
  return who === 'owner' ? owner : who === 'stranger' ? stranger : staff[who];
}
/** Facts with their file categories in a fixed order (they are sets). */
function sortedFacts(facts: WorkflowFacts | undefined): WorkflowFacts | undefined {
  return facts && { ...facts, newAttachments: [...facts.newAttachments].sort(), currentAttachments: [...facts.currentAttachments].sort() };
}

function actorOf(user: AuthUser): Actor {
  return { userId: user.id, kind: user.kind, roles: user.roles };
}

interface Model {
  flow: FlowDef;
  facts: WorkflowFacts;
  paid: boolean;
  unpaidApproved: boolean;
  current: Partial<Record<AttachmentCategory, number>>;
}

/** The body each action needs so that only the workflow decides (inputs are always valid). */
function inputFor(action: string, model: Model, comment: boolean): Record<string, unknown> {
  const base = {
    ...(comment ? { comment: '意见' } : {}),
    ...(isActionKey(action) && behaviourOf(action).reason ? { reasonCategoryId: reasonId } : {}),
  };
  const sheet = {
    materials: [{ name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 10 }],
    meter: { number: 'SB-1', caliber: 'DN50', model: 'LXS' },
  };
  switch (action) {
    case 'submit_survey':
      return { ...base, summary: '方案' };
    case 'submit_survey_budget':
      return { ...base, summary: '方案', budgetTotal: 3520 };
    case 'confirm_budget':
    case 'reject_budget':
      return { ...base, budgetAttachmentId: model.current.budget ?? 1 };
    case 'submit_design':
      return { ...base, budgetTotal: 39520 };
    case 'confirm_design':
    case 'reject_design':
      return { ...base, budgetAttachmentId: model.current.budget ?? 1 };
    case 'confirm_change':
    case 'reject_change':
      return { ...base, changeAttachmentId: model.current.design_change ?? 1 };
    case 'save_contract':
    case 'submit_contract':
      return { ...base, contract: { partyB: '市自来水有限公司' } };
    case 'record_payment':
      return { ...base, amount: 100, paidOn: '2026-11-20' };
    case 'save_dispatch_sheet':
    case 'start_construction':
      return { ...base, sheet };
    case 'submit_acceptance':
      return { ...base, acceptedOn: '2026-11-20', summary: '合格' };
    case 'submit_handover':
      return { ...base, handedOverOn: '2026-11-21', receiver: '物业' };
    case 'submit_settlement':
      return { ...base, finalAmount: 100 };
    case 'record_meter':
      return { ...base, meter: { number: 'JM-1', caliber: 'DN20', model: 'LXS-20', initialReading: 0 } };
    default:
      return base;
  }
}

/** The model's view of the data an action writes before its guards are checked. */
function withInput(facts: WorkflowFacts, action: string): WorkflowFacts {
  if ((action === 'save_contract' || action === 'submit_contract') && facts.state === 'contract_drafting' && facts.contract) {
    return { ...facts, contract: { ...facts.contract, complete: true } };
  }
  if ((action === 'save_dispatch_sheet' || action === 'start_construction') && facts.state === 'dispatch_sheet') {
    return { ...facts, dispatchSheetComplete: true };
  }
  if (action === 'record_meter' && facts.state === 'construction') {
    return { ...facts, meterRecorded: true };
  }
  return facts;
}

type Step = { kind: 'act'; pick: number; random: boolean; who: number; comment: boolean } | { kind: 'upload'; pick: number; who: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(), random: fc.boolean(), who: fc.nat(), comment: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('upload' as const), pick: fc.nat(), who: fc.nat() }) },
);

async function snapshot(id: number) {
  const app = await Application.findByPk(id);
  const contract = await Contract.findOne({ where: { applicationId: id } });
  return {
    state: app?.state,
    version: app?.version,
    contractStage: app?.contractStage ?? 0,
    hadVisaOrChange: app?.hadVisaOrChange,
    paid: app?.paid,
    unpaidApproved: app?.unpaidApproved,
    ownerStatus: contract?.ownerStatus ?? null,
    history: await HistoryEntry.count({ where: { applicationId: id } }),
  };
}

it(`keeps the server equal to the pure model over ${RUNS} random runs`, async () => {
  const { sequelize } = services();
  let steps = 0;
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('enterprise', 'resident'),
      fc.constantFrom('online', 'window'),
      fc.array(stepArb, { minLength: 1, maxLength: 24 }),
      fc.boolean(),
      async (flowKey, channel, plan, fast) => {
        const small = fast ? { caliber: 25, externalWorks: false } : {};
        const form = flowKey === 'enterprise' ? enterpriseForm(small) : residentForm(small);
        const creator = channel === 'window' ? staff.window_clerk : owner;
        const app = await withTransaction(sequelize, (t) =>
          createApplication(
            { form: applicationFormSchema.parse(form), channel, actor: creator, applicantUserId: channel === 'online' ? owner.id : null },
            t,
          ),
        );
        // The rule chose the route; the model follows the version the application was given.
        expect(app.workflowVersion).toBe(fast ? 2 : 1);
        const flow = getFlow(flowKey, app.workflowVersion);
        const model: Model = {
          flow,
          paid: false,
          unpaidApproved: false,
          current: {},
          facts: {
            flow: flowKey,
            state: app.state,
            channel,
            applicantUserId: channel === 'online' ? owner.id : null,
            newAttachments: [],
            currentAttachments: [],
            contract: null,
            dispatchSheetComplete: false,
            hadVisaOrChange: false,
          },
        };
        for (const step of plan) {
          steps += 1;
          if (step.kind === 'upload') {
            // Someone who may upload now uploads one of the files the step needs.
            const options = WHO.filter((w) => w !== 'stranger').flatMap((w) =>
              uploadableCategories(flow, model.facts, actorOf(userOf(w)))
                .filter((c) => c !== 'other')
                .map((c) => [w, c] as const),
            );
            const choice = options[step.pick % Math.max(1, options.length)];
            if (!choice) {
              continue;
            }
            const [, category] = choice;
            const user = userOf(choice[0]);
            const file = await storeAttachment({
              applicationId: app.id,
              category,
              displayName: '模型测试文件',
              originalName: 'f',
              content: files[category] ?? pdf(),
              uploaderUserId: user.id,
            });
            model.current[category] = file.id;
            model.facts = {
              ...model.facts,
              currentAttachments: [...new Set([...model.facts.currentAttachments, category])],
              newAttachments: [...new Set([...model.facts.newAttachments, category])],
            };
            continue;
          }
          // Half the steps take an action someone may take now (the flow moves on); the others try
          // any action as anyone (most are refused, and must change nothing).
          const offered = WHO.flatMap((w) => availableActions(flow, model.facts, actorOf(userOf(w))).map((a) => [w, a.key] as const));
          const pick = !step.random && offered.length > 0 ? offered[step.pick % offered.length] : undefined;
          const who: Who = pick ? pick[0] : (WHO[step.who % WHO.length] ?? 'owner');
          const user = userOf(who);
          const action = pick ? pick[1] : (flow.actions[step.pick % flow.actions.length]?.key ?? 'approve');
          const before = await snapshot(app.id);
          const facts = withInput(model.facts, action);
          const expected = transition(flow, facts, action, actorOf(user), { comment: step.comment ? '意见' : undefined });
          let serverCode: string | null = null;
          let replyActions: string[] | undefined;
          let replyFacts: WorkflowFacts | undefined;
          try {
            await withTransaction(sequelize, async (t) => {
              const done = await performAction(
                { applicationId: app.id, action, actor: user, input: inputFor(action, model, step.comment) },
                t,
              );
              // The reply is presented in the action's transaction, as the route does: it must show
              // what the action wrote (files taken, contract created or approved), not what it read.
              const [reply] = await presentApplications([done.application], user, t, {
                contracts: done.contract ? [done.contract] : [],
                files: done.files,
                steps: new Map([[done.application.flow, done.steps]]),
              });
              replyActions = reply?.availableActions.map((a) => a.key);
              replyFacts = await loadFacts(done.application, t);
            });
          } catch (error) {
            if (!(error instanceof AppError)) {
              throw error;
            }
            serverCode = error.code;
          }
          const after = await snapshot(app.id);
          const expectedCode =
            who === 'stranger' || (who === 'owner' && channel === 'window') ? 'NOT_FOUND' : expected.ok ? null : expected.refusal.code;
          if (serverCode !== expectedCode) {
            throw new Error(
              `${flowKey}/${channel} ${model.facts.state} × ${action} × ${who}: server ${serverCode ?? 'ok'}, model ${expectedCode ?? 'ok'}`,
            );
          }
          if (!expected.ok || expectedCode === 'NOT_FOUND') {
            expect(after).toEqual(before);
            continue;
          }
          accepted += 1;
          // Apply the same result to the model.
          let next: WorkflowFacts = { ...facts, state: expected.to };
          const taken = new Set(expected.action.takes ?? []);
          next = { ...next, newAttachments: next.newAttachments.filter((c) => !taken.has(c)) };
          if (expected.to === 'contract_drafting' && !next.contract) {
            next = { ...next, contract: { complete: false, ownerStatus: 'pending', stage: 0, stageRoles: [] } };
          }
          for (const effect of expected.effects) {
            if (effect === 'startContractStages' && next.contract) {
              next = { ...next, contract: { ...next.contract, stage: 1, stageRoles: STAGE_ROLES } };
            } else if (effect === 'nextContractStage' && next.contract) {
              next = { ...next, contract: { ...next.contract, stage: next.contract.stage + 1 } };
            } else if (effect === 'markVisaOrChange') {
              next = { ...next, hadVisaOrChange: true };
            } else if (effect === 'markUnpaidApproved') {
              model.unpaidApproved = true;
            } else if ((effect === 'setOwnerApproved' || effect === 'setOwnerRejected') && next.contract) {
              next = { ...next, contract: { ...next.contract, ownerStatus: effect === 'setOwnerApproved' ? 'approved' : 'rejected' } };
            }
          }
          if (expected.action.saves?.includes('payment')) {
            model.paid = true;
          }
          if (expected.newStep && expected.to !== 'contract_review' && next.contract) {
            next = { ...next, contract: { ...next.contract, stage: 0 } };
          }
          model.facts = next;
          expect(replyActions).toEqual(availableActions(flow, next, actorOf(user)).map((a) => a.key));
          // …and the facts it was presented from are the ones the database holds once it committed.
          const stored = await Application.findByPk(app.id);
          if (!stored) {
            throw new Error(`application ${app.id} is gone after ${action}`);
          }
          expect(replyFacts).toBeDefined();
          expect(sortedFacts(replyFacts)).toEqual(sortedFacts(await loadFacts(stored)));
          expect(after).toEqual({
            state: next.state,
            version: (before.version ?? 0) + 1,
            contractStage: next.contract?.stage ?? 0,
            hadVisaOrChange: next.hadVisaOrChange,
            paid: model.paid,
            unpaidApproved: model.unpaidApproved,
            ownerStatus: next.contract?.ownerStatus ?? null,
            history: before.history + 1,
          });
        }
      },
    ),
    { numRuns: RUNS, seed: process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined },
  );
  console.log(`model-based test: ${RUNS} runs, ${steps} steps, ${accepted} accepted actions`);
}, 900_000);
