import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { RATE_QUERY } from '@wc/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { AppButton } from '../../components/AppButton';
import { ApplicationCard } from '../../components/ApplicationCard';
import { Empty } from '../../components/Empty';
import { LoginPrompt } from '../../components/LoginPrompt';
import { useSession } from '../../hooks/useSession';
import { listApplications } from '../../services/applications';
import { FIRST_PAGE, loadFirstPage, takeArrivedFirstPage } from '../../services/applications/firstPage';
import type { Application } from '../../services/types';
import { goToLogin } from '../../utils/navigation';
import './index.scss';

type Tab = 'current' | 'history';
const PAGE_SIZE = FIRST_PAGE.pageSize;

interface ListState {
  rows: Application[];
  total: number;
  page: number;
  loading: boolean;
  loaded: boolean;
}

const EMPTY: ListState = { rows: [], total: 0, page: 0, loading: false, loaded: false };

let askedToLogIn = false;

/** 我的报装: current and past applications with the manual's 状态 and 历时. */
export default function ApplicationsPage() {
  const session = useSession();
  const [tab, setTab] = useState<Tab>('current');
  // When the list prefetched at launch has already arrived, the first render shows it.
  const [arrived] = useState(takeArrivedFirstPage);
  const [lists, setLists] = useState<Record<Tab, ListState>>(() => ({
    current: arrived ? { rows: arrived.rows, total: arrived.meta.total, page: 1, loading: false, loaded: true } : EMPTY,
    history: EMPTY,
  }));
  const busy = useRef(new Set<Tab>());
  const skipFirstShow = useRef(arrived !== null);

  const load = useCallback(
    async (which: Tab, page: number) => {
      if (!session || busy.current.has(which)) {
        return;
      }
      busy.current.add(which);
      setLists((prev) => ({ ...prev, [which]: { ...prev[which], loading: true } }));
      try {
        const { rows, meta } =
          which === 'current' && page === 1
            ? await loadFirstPage()
            : await listApplications({ page, pageSize: PAGE_SIZE, active: which === 'current' });
        setLists((prev) => ({
          ...prev,
          [which]: { rows: page === 1 ? rows : [...prev[which].rows, ...rows], total: meta.total, page, loading: false, loaded: true },
        }));
      } catch {
        setLists((prev) => ({ ...prev, [which]: { ...prev[which], loading: false, loaded: true } }));
      } finally {
        busy.current.delete(which);
      }
    },
    [session],
  );

  // Opened from the official account's 用户报装查询 without a login: ask once, then show the prompt.
  useEffect(() => {
    if (!session && !askedToLogIn) {
      askedToLogIn = true;
      goToLogin('/pages/applications/index');
    }
  }, [session]);

  useDidShow(() => {
    if (skipFirstShow.current) {
      skipFirstShow.current = false;
      return;
    }
    void load(tab, 1);
  });

  usePullDownRefresh(() => {
    void load(tab, 1).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    const list = lists[tab];
    if (!list.loading && list.rows.length < list.total) {
      void load(tab, list.page + 1);
    }
  });

  if (!session) {
    return (
      <View className="page">
        <LoginPrompt text="登录后查看您的报装申请和办理进度" />
      </View>
    );
  }

  const switchTab = (next: Tab) => {
    setTab(next);
    void load(next, 1);
  };
  const list = lists[tab];
  const open = (app: Application) => void Taro.navigateTo({ url: `/pages/progress/detail/index?id=${app.id}` });
  const rate = (app: Application) => void Taro.navigateTo({ url: `/pages/progress/detail/index?id=${app.id}&${RATE_QUERY}` });
  return (
    <View className="page applications-page">
      <View className="segmented applications-page__tabs">
        <View className={`segmented__item ${tab === 'current' ? 'segmented__item--active' : ''}`} onClick={() => switchTab('current')}>
          <Text>当前报装{lists.current.loaded ? `（${lists.current.total}）` : ''}</Text>
        </View>
        <View className={`segmented__item ${tab === 'history' ? 'segmented__item--active' : ''}`} onClick={() => switchTab('history')}>
          <Text>历史报装{lists.history.loaded ? `（${lists.history.total}）` : ''}</Text>
        </View>
      </View>

      {list.rows.map((app) => (
        <ApplicationCard key={app.id} app={app} onOpen={open} onRate={rate} />
      ))}

      {list.loaded && list.rows.length === 0 && (
        <Empty text={tab === 'current' ? '您还没有正在办理的报装' : '还没有已办结的报装'}>
          {tab === 'current' && (
            <AppButton
              className="btn btn--primary applications-page__new"
              onClick={() => void Taro.navigateTo({ url: '/pages/apply/index' })}
            >
              新增报装
            </AppButton>
          )}
        </Empty>
      )}
      {list.loading && <Text className="applications-page__more muted">加载中…</Text>}
      {list.loaded && !list.loading && list.rows.length > 0 && list.rows.length >= list.total && (
        <Text className="applications-page__more muted small">没有更多了</Text>
      )}
      {/* A counter application (窗口受理) is not anyone's until its customer claims it with the phone on it. */}
      <View className="applications-page__claim" onClick={() => void Taro.navigateTo({ url: '/pages/applications/claim/index' })}>
        <Text className="muted small">在营业厅窗口办理的报装？</Text>
        <Text className="link small">认领到我的报装</Text>
      </View>
    </View>
  );
}
