import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { Empty } from '../../../components/Empty';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { listNotices } from '../../../services/notifications';
import type { Notice } from '../../../services/types';
import { dateTime } from '../../../utils/format';
import './index.scss';

/** 进度消息: the progress messages already sent to me (also pushed through WeChat where I allowed it). */
export default function MessagesPage() {
  const session = useRequireLogin();
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [page, setPage] = useState({ page: 1, total: 0 });

  const load = async (next: number) => {
    if (!session) {
      return;
    }
    const { rows, meta } = await listNotices({ page: next });
    setNotices((prev) => (next === 1 ? rows : [...(prev ?? []), ...rows]));
    setPage({ page: next, total: meta.total });
  };

  useDidShow(() => {
    void load(1).catch(() => setNotices([]));
  });
  usePullDownRefresh(() => {
    void load(1)
      .catch(() => undefined)
      .finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (notices && notices.length < page.total) {
      void load(page.page + 1).catch(() => undefined);
    }
  });

  if (notices === null) {
    return (
      <View className="page">
        <Text className="muted">加载中…</Text>
      </View>
    );
  }
  return (
    <View className="page messages-page">
      {notices.length === 0 && <Empty text="暂无进度消息。报装受理、需要您确认、开始施工、通水等进展都会在这里通知您。" />}
      {notices.map((notice) => (
        <View
          key={notice.id}
          className="card message"
          onClick={() => notice.applicationId && void Taro.navigateTo({ url: `/pages/progress/detail/index?id=${notice.applicationId}` })}
        >
          <View className="message__head">
            <Text className="message__title">{notice.title}</Text>
            <Text className="message__time">{dateTime(notice.at)}</Text>
          </View>
          <Text className="message__text">{notice.text}</Text>
          {notice.channelLabel && <Text className="message__channel">已通过{notice.channelLabel}通知您</Text>}
        </View>
      ))}
    </View>
  );
}
