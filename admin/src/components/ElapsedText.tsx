import { THRESHOLD_UNIT_LABELS, chinaDateTime } from '../labels';
import type { Application } from '../types';
import { HoverTip } from './HoverTip';

/**
 * 历时 of the current step: `N小时` / `X天Y小时` as the server formats it, red once the step is past
 * its threshold (the server decides `overdue`). Finished applications have no running step.
 */
export function ElapsedText({ app }: { app: Pick<Application, 'terminal' | 'step'> }) {
  if (app.terminal) {
    return <span className="elapsed-none">—</span>;
  }
  const { step } = app;
  const threshold = step.threshold ? `${step.threshold.value}${THRESHOLD_UNIT_LABELS[step.threshold.unit]}` : null;
  const tip = step.overdue
    ? `已超过阈值${threshold ? ` ${threshold}` : ''}${step.dueAt ? `（应于 ${chinaDateTime(step.dueAt)} 前完成）` : ''}`
    : step.clock === 'customer'
      ? '等待报装用户办理，不计入本单位超时'
      : threshold
        ? `阈值 ${threshold}`
        : '本步骤未设阈值';
  return (
    <HoverTip title={tip}>
      <span className={step.overdue ? 'elapsed-overdue' : 'elapsed-normal'} data-overdue={step.overdue ? 'true' : 'false'}>
        {step.elapsedText}
        {step.overdue && <span className="sr-only">（超时）</span>}
      </span>
    </HoverTip>
  );
}
