import { Text } from '@tarojs/components';
import type { Application } from '../services/types';

/**
 * The manual's 状态 as a coloured tag. The colour only reflects what the server says: finished,
 * ended, waiting for the applicant (the customer's clock), overdue, or in the utility's hands.
 */
export function StateTag({ app }: { app: Pick<Application, 'state' | 'stateLabel' | 'terminal' | 'step'> }) {
  const tone = app.terminal
    ? app.state === 'completed'
      ? 'green'
      : 'grey'
    : app.step.clock === 'customer'
      ? 'orange'
      : app.step.overdue
        ? 'red'
        : 'blue';
  return <Text className={`tag tag--${tone} state-tag`}>{app.stateLabel}</Text>;
}
