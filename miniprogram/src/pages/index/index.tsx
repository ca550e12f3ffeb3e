import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ENTERPRISE_FLOW, RESIDENT_FLOW, STATES } from '@wc/shared';
import { useState } from 'react';
import { ApplicationCard } from '../../components/ApplicationCard';
import { Card } from '../../components/Card';
import { LoginPrompt } from '../../components/LoginPrompt';
import { useSession } from '../../hooks/useSession';
import { loadFirstPage } from '../../services/applications/firstPage';
import type { Application } from '../../services/types';
import { openPage } from '../../utils/navigation';
import './index.scss';

const ENTRIES = [
  { key: 'apply', label: '新增报装', hint: '在线填写申请', icon: '＋', url: '/pages/apply/index' },
  { key: 'list', label: '报装查询', hint: '进度和历时', icon: '≡', url: '/pages/applications/index' },
  { key: 'messages', label: '进度消息', hint: '办理通知', icon: '✉', url: '/pages/progress/messages/index' },
];

// The steps as the workflow defines them, for the guide below (the last one, 已完成, is the goal).
const GUIDES = [
  { title: '企业单位', steps: ENTERPRISE_FLOW.steps.map((s) => STATES[s].label) },
  { title: '居民', steps: RESIDENT_FLOW.steps.map((s) => STATES[s].label) },
];

/** 首页: what can be done here, and what waits for the applicant now. */
export default function HomePage() {
  const session = useSession();
  const [active, setActive] = useState<Application[] | null>(null);

  useDidShow(() => {
    if (!session) {
      setActive(null);
      return;
    }
    loadFirstPage()
      .then(({ rows }) => setActive(rows.slice(0, 3)))
      .catch(() => setActive([]));
  });

  return (
    <View className="home-page">
      <View className="home-page__hero">
        <Text className="home-page__hello">{session ? `您好，${session.user.displayName}` : '您好，欢迎办理用水报装'}</Text>
        <Text className="home-page__lead">新装用水、增容，不用跑营业厅：在线申请，随时查看办理进度。</Text>
      </View>

      <View className="page home-page__body">
        <View className="card home-page__entries">
          {ENTRIES.map((entry) => (
            <View key={entry.key} className={`home-entry home-entry--${entry.key}`} onClick={() => void openPage(entry.url)}>
              <View className="home-entry__icon">
                <Text>{entry.icon}</Text>
              </View>
              <Text className="home-entry__label">{entry.label}</Text>
              <Text className="home-entry__hint">{entry.hint}</Text>
            </View>
          ))}
        </View>

        {!session && <LoginPrompt text="登录后可以申请报装、查看进度、确认预算" />}

        {session && active && active.length > 0 && (
          <View>
            <View className="home-page__section">
              <Text className="home-page__section-title">正在办理</Text>
              <Text className="link small" onClick={() => void Taro.switchTab({ url: '/pages/applications/index' })}>
                全部
              </Text>
            </View>
            {active.map((app) => (
              <ApplicationCard
                key={app.id}
                app={app}
                onOpen={(a) => void Taro.navigateTo({ url: `/pages/progress/detail/index?id=${a.id}` })}
              />
            ))}
          </View>
        )}

        <Card title="办理流程">
          {GUIDES.map((guide) => (
            <View key={guide.title} className="home-guide">
              <Text className="home-guide__title">{guide.title}</Text>
              <View className="home-guide__steps">
                {guide.steps.map((label, index) => (
                  <View key={label} className="home-guide__step">
                    <Text className="home-guide__no">{index + 1}</Text>
                    <Text>{label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
          <Text className="small muted">
            勘察、施工、验收在现场进行；施工图和预算需要您在小程序中确认。每一步的承诺时间和剩余时间都可以在报装详情中查看。
          </Text>
        </Card>
      </View>
    </View>
  );
}
