import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AppButton } from '../../components/AppButton';
import type { Application } from '../../services/types';
import { dateTime } from '../../utils/format';
import { askForProgressMessages, useSubscribeOffer } from '../../utils/subscribe';

interface Props {
  app: Application;
  resubmitted: boolean;
}

/** After submitting: the application number, what happens next, and the offer of progress messages. */
export function ApplyResult({ app, resubmitted }: Props) {
  const canSubscribe = useSubscribeOffer();
  const [subscribed, setSubscribed] = useState(false);
  const subscribe = () => {
    void askForProgressMessages().then(() => setSubscribed(true));
  };
  return (
    <View className="page">
      <View className="card apply-result">
        <Text className="apply-result__icon">✓</Text>
        <Text className="apply-result__title">{resubmitted ? '已重新提交' : '申请已提交'}</Text>
        <Text className="apply-result__number-label">报装编号</Text>
        <Text className="apply-result__number mono apply-result-number">{app.number}</Text>
        <Text className="apply-result__text">申请时间：{dateTime(app.createdAt)}</Text>
        <Text className="apply-result__text">当前状态：{app.stateLabel}</Text>
        {app.step.dueAt && <Text className="apply-result__text">预计 {dateTime(app.step.dueAt)} 前完成审核</Text>}
        <Text className="apply-result__text small muted">请记下报装编号，您可以在“我的报装”中随时查看办理进度。</Text>
        <View className="apply-result__buttons">
          {canSubscribe && !subscribed && (
            <AppButton className="btn btn--plain btn--block" onClick={subscribe}>
              开启办理进度提醒
            </AppButton>
          )}
          <AppButton
            className="btn btn--primary btn--block"
            onClick={() => void Taro.redirectTo({ url: `/pages/progress/detail/index?id=${app.id}` })}
          >
            查看办理进度
          </AppButton>
          <AppButton className="btn btn--block" onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
            返回首页
          </AppButton>
        </View>
      </View>
    </View>
  );
}
