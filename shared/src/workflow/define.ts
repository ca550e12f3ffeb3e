import { ACTIONS, type ActionKey } from './catalogue';
import type { ActionDef, ActionRouting } from './types';

/** An action of a flow: its behaviour from the catalogue, its routing as this flow has it. */
export function defineAction(key: ActionKey, routing: ActionRouting): ActionDef {
  return { key, ...ACTIONS[key], ...routing };
}
