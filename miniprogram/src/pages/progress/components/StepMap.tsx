import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ApplicationDetail, StepMapItem } from '../../../services/types';
import './StepMap.scss';

/** How many steps after the current one stay visible when the map is folded. */
const NEXT_SHOWN = 2;

function meta(step: StepMapItem): string {
  if (step.status === 'current') {
    return `进行中 · 已历时 ${step.durationText}`;
  }
  if (step.status === 'done') {
    return step.durationMs > 0 ? `已完成 · 用时 ${step.durationText}` : '已完成';
  }
  return '待办理';
}

/**
 * The flow's steps: done (with how long each took), the current one, and what comes next. Folded
 * to the last done step, the current one and the next two, so that the page stays short; a tap
 * unfolds all of them.
 */
export function StepMap({ stepMap, ended }: { stepMap: ApplicationDetail['stepMap']; ended: boolean }) {
  const [expanded, setExpanded] = useState(false);
  // Withdrawn or terminated: the steps it never reached will not come, so they are not shown.
  const steps = ended ? stepMap.steps.filter((s) => s.status !== 'upcoming') : stepMap.steps;
  const current = steps.findIndex((s) => s.status === 'current');
  const lastDone = steps.reduce((last, s, i) => (s.status === 'done' ? i : last), -1);
  const anchor = current >= 0 ? current : lastDone;
  const from = expanded ? 0 : Math.max(0, current >= 0 ? current - 1 : lastDone - 2);
  const to = expanded ? steps.length : Math.min(steps.length, anchor + 1 + NEXT_SHOWN);
  const hiddenBefore = from;
  const hiddenAfter = steps.length - to;

  return (
    <View className="step-map">
      {stepMap.detour && (
        <View className="notice step-map__detour">
          <Text>当前：{stepMap.detour.label}</Text>
        </View>
      )}
      {hiddenBefore > 0 && (
        <View className="step-map__fold" onClick={() => setExpanded(true)}>
          <Text>已完成 {hiddenBefore} 个环节，点击查看全部</Text>
        </View>
      )}
      {steps.slice(from, to).map((step, offset) => {
        const index = from + offset;
        return (
          <View key={step.state} className={`step-map__item step-map__item--${step.status}`}>
            <View className="step-map__rail">
              <View className="step-map__dot">
                <Text>{step.status === 'done' ? '✓' : index + 1}</Text>
              </View>
              {index < steps.length - 1 && <View className="step-map__line" />}
            </View>
            <View className="step-map__body">
              <Text className="step-map__label">{step.label}</Text>
              <Text className="step-map__meta">{meta(step)}</Text>
            </View>
          </View>
        );
      })}
      {hiddenAfter > 0 && (
        <View className="step-map__fold" onClick={() => setExpanded(true)}>
          <Text>之后还有 {hiddenAfter} 个环节，点击查看全部</Text>
        </View>
      )}
      {expanded && (
        <View className="step-map__fold" onClick={() => setExpanded(false)}>
          <Text>收起</Text>
        </View>
      )}
    </View>
  );
}
