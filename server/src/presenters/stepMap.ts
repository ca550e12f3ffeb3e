import { STATES, formatElapsed, getFlow, type StateKey, type StepMapItem, type StepMapView } from '@wc/shared';
import type { Application, HistoryEntry } from '../models';

/** Of each history entry, what the step map reads: the step it left, whether it left it, and how long it took. */
export type StepTaken = Pick<HistoryEntry, 'fromState' | 'newStep' | 'durationMs'>;

/**
 * The step map of an application: its flow's main path with what is done, what is current and what
 * comes next, and how long each step took. Terminal states other than 已完成 are detours.
 */
export function presentStepMap(app: Application, history: readonly StepTaken[], now: Date): StepMapView {
  const flow = getFlow(app.flow, app.workflowVersion);
  const spent = new Map<string, number>();
  const left = new Set<string>();
  for (const entry of history) {
    if (entry.fromState && entry.newStep) {
      spent.set(entry.fromState, (spent.get(entry.fromState) ?? 0) + entry.durationMs);
      left.add(entry.fromState);
    }
  }
  const currentIndex = flow.steps.indexOf(app.state);
  const visitedIndex = Math.max(...flow.steps.map((s, i) => (left.has(s) ? i : -1)));
  const steps = flow.steps.map((state, index): StepMapItem => {
    const isCurrent = state === app.state;
    const running = isCurrent && !STATES[state].terminal ? Math.max(0, now.getTime() - app.stateEnteredAt.getTime()) : 0;
    const durationMs = (spent.get(state) ?? 0) + running;
    const status: StepMapItem['status'] = isCurrent
      ? state === 'completed'
        ? 'done'
        : 'current'
      : (currentIndex >= 0 ? index < currentIndex : index <= visitedIndex) || left.has(state)
        ? 'done'
        : 'upcoming';
    return {
      state,
      label: STATES[state as StateKey].label,
      status,
      durationMs,
      durationText: formatElapsed(durationMs),
      clock: STATES[state].clock,
    };
  });
  return { steps, detour: currentIndex >= 0 ? null : { state: app.state, label: STATES[app.state].label } };
}
