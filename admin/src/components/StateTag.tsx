import { Tag } from 'antd';
import type { Application } from '../types';

/** 状态 as a coloured tag: running, waiting on the customer, finished or stopped. */
export function StateTag({ app }: { app: Pick<Application, 'state' | 'stateLabel' | 'terminal' | 'step'> }) {
  let color = 'processing';
  if (app.terminal) {
    color = app.state === 'completed' ? 'success' : 'default';
  } else if (app.step.clock === 'customer') {
    color = 'gold';
  } else if (app.step.overdue) {
    color = 'error';
  }
  return (
    <Tag color={color} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
      {app.stateLabel}
    </Tag>
  );
}
