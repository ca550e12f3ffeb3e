import { Op } from 'sequelize';
import type { AuthUser } from '../context';
import { STATES, getFlow, ratable, type ApplicationDetailView, type HistoryEntryView } from '@wc/shared';
import { selectModels, selectRows } from '../db/selectRows';
import { expectedWaterOn } from '../lib/expectedWaterOn';
import { staffApplicationUrl } from '../lib/staffUrl';
import { Attachment, HistoryEntry } from '../models';
import { applicationPolicy } from '../policies/application';
import { historyVisibleTo, presentHistoryEntry } from '../presenters/history';
import { presentStepMap, type StepTaken } from '../presenters/stepMap';
import { findVisibleApplication, presentApplications } from './applicationViews';
import { presentRating, ratingOf } from './ratingRows';
import { ratingPolicy } from '../policies/rating';
import { loadCalendar, stepConfigs } from './settings';
import { loadContracts } from './workflow/facts';
import { paymentInstructions } from './utilityProfile';

/** An application's history, oldest first (hand-written, db/selectRows.ts). */
function historyOf(applicationId: number): Promise<HistoryEntry[]> {
  return selectModels(HistoryEntry, 'WHERE application_id = ? ORDER BY seq ASC', [applicationId]);
}

/**
 * What the step map needs of the history, and nothing else: every detail read computes the time
 * spent per step, while the entries themselves (comments, payloads, files, hashes) are the 报装记录's
 * own request (`loadHistory`).
 */
function stepsTaken(applicationId: number): Promise<StepTaken[]> {
  return selectRows<StepTaken>(
    HistoryEntry,
    'SELECT from_state AS fromState, new_step AS newStep, duration_ms AS durationMs FROM application_history WHERE application_id = ? ORDER BY seq ASC',
    [applicationId],
  );
}

/** Everything the detail page shows besides history and files: the application, its contract, sheet and payment, and the step map. */
export async function loadApplicationDetail(user: AuthUser, id: number): Promise<ApplicationDetailView> {
  const app = await findVisibleApplication(user, id);
  // Everything else at once, in one round trip after the application's: the presenter takes the
  // contract being read, so the files and names it needs are read beside it, not after it.
  const contractsLoading = loadContracts([app.id]);
  const [[presented], contracts, history, steps, calendar, rating] = await Promise.all([
    presentApplications([app], user, undefined, { contracts: contractsLoading }),
    contractsLoading,
    stepsTaken(app.id),
    stepConfigs(app.flow),
    loadCalendar(),
    // A rating is given only in a ratable state, and those are final: any other application has none.
    ratable(app.state) ? ratingOf(app.id) : null,
  ]);
  const contract = contracts[0];
  if (!presented) {
    throw new Error('application not presented');
  }
  const staff = user.kind === 'staff';
  return {
    ...presented,
    stepMap: presentStepMap(app, history, new Date()),
    contract: contract
      ? {
          number: contract.number,
          name: contract.name,
          place: contract.place,
          partyA: contract.partyA,
          partyB: contract.partyB,
          amount: contract.amount,
          settlementAmount: contract.settlementAmount,
          ownerStatus: contract.ownerStatus,
          stages: contract.stages,
          submittedAt: contract.submittedAt ? contract.submittedAt.toISOString() : null,
        }
      : null,
    dispatchSheet: applicationPolicy.seeDispatchSheet(user) ? app.dispatchSheet : null,
    payment: app.payment,
    meter: app.meter,
    staffUrl: staff ? staffApplicationUrl(app.id) : null,
    payTo: STATES[app.state].awaitsPayment && !app.paid ? await paymentInstructions() : null,
    assignees: staff ? app.assignees : {},
    expectedWaterOn: expectedWaterOn({
      flow: getFlow(app.flow, app.workflowVersion),
      state: app.state,
      currentDueAt: app.dueAt,
      thresholds: new Map([...steps].map(([state, config]) => [state, config.threshold])),
      calendar,
      now: new Date(),
    }),
    rating: rating ? presentRating(rating, ratingPolicy.fullComment(user, app)) : null,
  };
}

/** The history (报装记录) an applicant or staff member may see, oldest first. */
export async function loadHistory(user: AuthUser, id: number): Promise<HistoryEntryView[]> {
  const app = await findVisibleApplication(user, id);
  const entries = (await historyOf(app.id)).filter((e) => historyVisibleTo(user, e));
  const fileIds = [...new Set(entries.flatMap((e) => e.attachmentIds))];
  const files = fileIds.length ? await Attachment.findAll({ where: { id: { [Op.in]: fileIds } } }) : [];
  const byId = new Map(files.map((f) => [f.id, f]));
  const fullContact = applicationPolicy.seeContactDetails(user, app);
  return entries.map((e) => presentHistoryEntry(e, user, byId, fullContact));
}
