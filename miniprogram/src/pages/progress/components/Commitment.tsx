import { Text, View } from '@tarojs/components';
import { Card, Cell } from '../../../components/Card';
import { useNow } from '../../../hooks/useNow';
import type { Application } from '../../../services/types';
import { dateTime, timeLeft } from '../../../utils/format';

/**
 * The current step's commitment to the applicant: what is happening, who handles it, by when it is
 * promised and how much time is left (a countdown), or that it waits for the applicant.
 */
export function Commitment({ app }: { app: Application }) {
  const now = useNow(30_000);
  const { step } = app;
  if (app.terminal) {
    return (
      <Card title="办理结果" className="commitment">
        <Text className={`commitment__label ${app.state === 'completed' ? '' : 'commitment__label--ended'}`}>{step.customerLabel}</Text>
        {app.completedAt && <Cell label="办结时间" value={dateTime(app.completedAt)} />}
      </Card>
    );
  }
  const left = step.dueAt ? timeLeft(step.dueAt, now) : null;
  const waitingForMe = step.clock === 'customer';
  return (
    <Card title="当前环节" extra={<Text className={step.overdue ? 'overdue' : ''}>已历时 {step.elapsedText}</Text>} className="commitment">
      <Text className="commitment__label">{step.label}</Text>
      <Text className="commitment__text">{step.customerLabel}</Text>
      {step.contractStage && (
        <Cell label="审批进度" value={`第${step.contractStage.position}/${step.contractStage.count}环节 · ${step.contractStage.name}`} />
      )}
      {waitingForMe ? (
        <View className="notice commitment__mine">
          <Text>
            {app.availableActions.length > 0 ? '这一步需要您办理，请查看后在页面下方操作。' : '这一步需要您配合，工作人员会与您联系。'}
          </Text>
        </View>
      ) : (
        <View>
          {step.handlerLabel && (
            <Cell label="办理人" value={step.assignee ? `${step.handlerLabel} ${step.assignee.name}` : step.handlerLabel} />
          )}
          {step.dueAt && <Cell label="承诺办结" value={dateTime(step.dueAt)} />}
          {left && (
            <Cell
              label={left.overdue ? '已超时' : '剩余时间'}
              value={<Text className={`commitment__countdown ${left.overdue ? 'overdue' : ''}`}>{left.text}</Text>}
            />
          )}
        </View>
      )}
    </Card>
  );
}
