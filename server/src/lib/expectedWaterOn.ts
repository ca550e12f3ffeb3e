import { STATES, type ExpectedWaterOnView, type FlowDef, type StateKey, type Threshold } from '@wc/shared';
import { chinaDay, dueAt, type WorkCalendar } from './deadlines';

export interface WaterOnInput {
  flow: FlowDef;
  state: StateKey;
  /** The current step's due time, when it is on the utility's clock and has one. */
  currentDueAt: Date | null;
  thresholds: ReadonlyMap<StateKey, Threshold | null>;
  calendar: WorkCalendar;
  now: Date;
}

/**
 * 预计通水日期, pure: from the later of now and the current step's due time, each following step of
 * the main path adds its time limit (working days skip holidays, count 调休) until the flow's water-on
 * step. Null where water already flows, where the application is off the main path (退回, 终止 …: no
 * honest date can be given) or ended.
 */
export function expectedWaterOn(input: WaterOnInput): ExpectedWaterOnView | null {
  const { flow, state, thresholds, calendar, now } = input;
  const at = flow.steps.indexOf(state);
  const waterOn = flow.steps.indexOf(flow.waterOnStep);
  if (at < 0 || waterOn < 0 || at >= waterOn) {
    return null;
  }
  // A customer step's due time (缴费's, for the cashier who chases it) says nothing of when the customer acts.
  const ownDue = STATES[state].clock === 'customer' ? null : input.currentDueAt;
  let when = ownDue && ownDue.getTime() > now.getTime() ? ownDue : now;
  const customerSteps: string[] = [];
  if (STATES[state].clock === 'customer') {
    customerSteps.push(STATES[state].label);
  }
  for (const step of flow.steps.slice(at + 1, waterOn)) {
    const threshold = STATES[step].clock === 'customer' ? null : (thresholds.get(step) ?? null);
    const next = dueAt(when, threshold, calendar);
    if (next) {
      when = next;
    } else if (STATES[step].clock === 'customer') {
      customerSteps.push(STATES[step].label);
    }
  }
  return {
    date: chinaDay(when),
    customerSteps,
    note: customerSteps.length
      ? `按各环节办理时限推算，未计入需用户办理的环节（${customerSteps.join('、')}），实际日期以办理进度为准`
      : '按各环节办理时限推算，实际日期以办理进度为准',
  };
}
