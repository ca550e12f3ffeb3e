import { Text, View } from '@tarojs/components';
import type { Application } from '../services/types';
import { dateTime } from '../utils/format';
import { StateTag } from './StateTag';
import './ApplicationCard.scss';

interface Props {
  app: Application;
  onOpen: (app: Application) => void;
  /** 去评价: shown when the server offers the rating (`permissions.rate`). */
  onRate?: (app: Application) => void;
}

/** One application in a list: number, name, the manual's columns, state and 历时. */
export function ApplicationCard({ app, onOpen, onRate }: Props) {
  // Waiting for the applicant: the step runs on the customer's clock and offers them something to do.
  // Options that are always there (withdrawing) are not a to-do.
  const todo = app.step.clock === 'customer' ? app.availableActions.filter((a) => a.tone !== 'danger') : [];
  return (
    <View className="application-card" onClick={() => onOpen(app)}>
      <View className="application-card__head">
        <Text className="application-card__number mono">{app.number}</Text>
        <StateTag app={app} />
      </View>
      <Text className="application-card__name">{app.name}</Text>
      <View className="application-card__grid">
        <Text className="muted">报装类型</Text>
        <Text>{app.waterTypeLabel}</Text>
        <Text className="muted">建筑面积</Text>
        <Text>{app.buildingArea} m²</Text>
        <Text className="muted">申请时间</Text>
        <Text>{dateTime(app.createdAt)}</Text>
      </View>
      {!app.terminal && (
        <View className="application-card__foot">
          <Text className="application-card__step">{app.step.customerLabel}</Text>
          <Text className={app.step.overdue ? 'overdue' : 'muted'}>历时 {app.step.elapsedText}</Text>
        </View>
      )}
      {todo.length > 0 && (
        <View className="application-card__todo">
          <Text>待您办理：{todo.map((a) => a.label).join('、')}</Text>
        </View>
      )}
      {onRate && app.permissions.rate && (
        <View
          className="application-card__rate"
          onClick={(e) => {
            e.stopPropagation();
            onRate(app);
          }}
        >
          <Text className="muted">报装已完成，欢迎评价本次服务</Text>
          <Text className="link">去评价</Text>
        </View>
      )}
    </View>
  );
}
