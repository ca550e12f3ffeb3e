import { CheckCircleFilled, ClockCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Tag } from 'antd';
import { useState } from 'react';
import type { ApplicationDetail, StepMapItem } from '../../../types';
import { usePhone } from '../../../hooks/usePhone';

/** On a phone the map starts folded to the steps around the current one. */
function aroundCurrent(steps: readonly StepMapItem[]): Set<string> {
  const current = steps.findIndex((s) => s.status === 'current');
  const lastDone = steps.map((s) => s.status).lastIndexOf('done');
  const centre = current >= 0 ? current : lastDone;
  return new Set(steps.slice(Math.max(0, centre - 1), centre + 2).map((s) => s.state));
}

/**
 * 流程进度: the flow's main path with done / current / upcoming steps and how long each took (the
 * server's step map). A wrapping grid, so sixteen steps stay readable on a phone.
 */
export function StepMap({ app }: { app: ApplicationDetail }) {
  const { steps, detour } = app.stepMap;
  const phone = usePhone();
  const [expanded, setExpanded] = useState(false);
  const folded = phone && !expanded;
  const visible = folded ? aroundCurrent(steps) : null;
  return (
    <div>
      {app.route === 'fast' && (
        // The route is the server's word (its flow version's), shown only where it is not the usual one.
        <div className="step-map-route" data-route={app.route} style={{ marginBottom: 8 }}>
          <Tag color="gold">{app.routeLabel}</Tag>
          <span className="muted">本申请按快速通道办理，已省略的步骤不再显示</span>
        </div>
      )}
      {detour && (
        <Alert
          type={app.terminal ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`当前处于「${detour.label}」${app.terminal ? '，流程已结束' : '，不在主流程上'}`}
        />
      )}
      <ol className="step-map">
        {steps.map((step, index) => {
          if (visible && !visible.has(step.state)) {
            return null;
          }
          const overdue = step.status === 'current' && app.step.overdue;
          return (
            <li key={step.state} className={`step step-${step.status}${overdue ? ' step-overdue' : ''}`} data-status={step.status}>
              <span className="step-icon" aria-hidden>
                {step.status === 'done' ? (
                  <CheckCircleFilled />
                ) : step.status === 'current' ? (
                  <ClockCircleOutlined />
                ) : (
                  <MinusCircleOutlined />
                )}
              </span>
              <span className="step-body">
                <span className="step-title">
                  {index + 1}. {step.label}
                </span>
                <span className="step-duration">
                  {step.status === 'upcoming' ? '未开始' : step.durationMs > 0 || step.status === 'current' ? step.durationText : '—'}
                  {step.status === 'current' && !app.terminal && (overdue ? '（超时）' : '（进行中）')}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      {phone && (
        <Button type="link" size="small" onClick={() => setExpanded(!expanded)} style={{ paddingInline: 0, marginTop: 4 }}>
          {expanded ? '收起' : `显示全部 ${steps.length} 个步骤`}
        </Button>
      )}
    </div>
  );
}
