import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Card, Cell } from '../../../components/Card';
import { StateTag } from '../../../components/StateTag';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { getApplication, getHistory, takeAction } from '../../../services/applications';
import { listAttachments, openOriginal } from '../../../services/attachments';
import type { ApplicationDetail, Attachment, AvailableAction, HistoryEntry } from '../../../services/types';
import { dateTime, money } from '../../../utils/format';
import { ActionBar } from '../components/ActionBar';
import { Commitment } from '../components/Commitment';
import { WaterOn } from '../components/WaterOn';
import { Documents } from '../components/Documents';
import { ReasonSheet } from '../components/ReasonSheet';
import { StepMap } from '../components/StepMap';
import { Timeline } from '../components/Timeline';
import { Payment } from '../components/Payment';
import { RATING_CARD_ID, RatingCard } from '../components/RatingCard';
import { getNotices } from '../notices';
import { caliberLabel, externalWorksLabel, type ApplicationNotificationView } from '@wc/shared';
import './index.scss';

/** 报装详情: state, the current step's commitment, step map, documents, the record of what happened, and my actions. */
export default function DetailPage() {
  const session = useRequireLogin();
  const router = useRouter<{ id?: string; rate?: string }>();
  const id = Number(router.params.id);
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [notices, setNotices] = useState<ApplicationNotificationView[]>([]);
  const [files, setFiles] = useState<Attachment[] | null>(null);
  const [pending, setPending] = useState<AvailableAction | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!session || !Number.isInteger(id)) {
      return;
    }
    const [detail, entries] = await Promise.all([getApplication(id), getHistory(id)]);
    setApp(detail);
    setHistory(entries);
    // Opened from the completion notice or 我的报装's 去评价 (`rate=1`): bring the rating card into view.
    if (router.params.rate === '1' && detail.permissions.rate) {
      setTimeout(() => void Taro.pageScrollTo({ selector: `#${RATING_CARD_ID}`, duration: 200 }).catch(() => undefined), 300);
    }
    // Notifications only add to the record: the page is useful without them.
    getNotices(id)
      .then(setNotices)
      .catch(() => setNotices([]));
    // Files are a separate service: the page is still useful without them.
    listAttachments(id)
      .then(setFiles)
      .catch(() => setFiles(null));
  }, [id, session, router.params.rate]);

  useDidShow(() => {
    void load().catch(() => undefined);
  });
  usePullDownRefresh(() => {
    void load()
      .catch(() => undefined)
      .finally(() => Taro.stopPullDownRefresh());
  });

  const onAction = (action: AvailableAction) => {
    if (!app) {
      return;
    }
    // A decision is about a file version: it is taken on the confirmation page, after viewing it.
    if (action.decision) {
      void Taro.navigateTo({ url: `/pages/progress/confirm/index?id=${app.id}&subject=${action.decision.subject}` });
    } else if (action.form === 'correctForm') {
      void Taro.navigateTo({ url: `/pages/apply/index?id=${app.id}` });
    } else {
      setPending(action);
    }
  };

  const take = async (action: AvailableAction, reason: string, reasonCategoryId?: number) => {
    if (!app) {
      return;
    }
    setBusy(true);
    try {
      await takeAction(app.id, action.key, {
        version: app.version,
        ...(reason ? { comment: reason } : {}),
        ...(reasonCategoryId ? { reasonCategoryId } : {}),
      });
      setPending(null);
      void Taro.showToast({ title: `已${action.label}`, icon: 'success' });
      await load();
    } catch {
      // The request wrapper has shown the server's message.
    } finally {
      setBusy(false);
    }
  };

  const openFile = (attachment: Attachment) =>
    void Taro.navigateTo({ url: `/pages/progress/document/index?appId=${attachment.applicationId}&id=${attachment.id}` });
  const openFileById = (attachmentId: number) =>
    void Taro.navigateTo({ url: `/pages/progress/document/index?appId=${id}&id=${attachmentId}` });

  if (!app) {
    return (
      <View className="page">
        <Text className="muted">加载中…</Text>
      </View>
    );
  }

  return (
    <View className={`page detail-page ${app.availableActions.length > 0 ? 'page--with-bar' : ''}`}>
      <View className="card detail-page__head">
        <View className="detail-page__title-row">
          <Text className="detail-page__number mono">{app.number}</Text>
          <StateTag app={app} />
        </View>
        <Text className="detail-page__name">{app.name}</Text>
        <Text className="muted small">
          {app.kindLabel} · {app.waterTypeLabel} · {app.channelLabel} · 申请于 {dateTime(app.createdAt)}
        </Text>
      </View>

      <RatingCard app={app} onRated={() => void load().catch(() => undefined)} />
      <Commitment app={app} />
      <WaterOn expected={app.expectedWaterOn} />
      <Payment app={app} />

      <View className="card">
        <View className="card__head">
          <Text className="card__title">办理进度</Text>
          {app.route === 'fast' && <Text className="tag tag--orange route-tag">{app.routeLabel}</Text>}
        </View>
        <StepMap stepMap={app.stepMap} ended={app.terminal && app.stepMap.detour !== null} />
      </View>

      {files && files.length > 0 && (
        <View className="card">
          <View className="card__head">
            <Text className="card__title">方案、图纸和预算</Text>
          </View>
          <Documents attachments={files} onView={openFile} onDownload={(file) => void openOriginal(file)} />
        </View>
      )}

      <Card title="申请信息">
        <Cell label={app.kind === 'enterprise' ? '单位名称' : '姓名'} value={app.name} />
        {app.creditCode && <Cell label="社会信用代码" value={app.creditCode} valueClassName="mono" />}
        {app.contactName && <Cell label="联系人" value={app.contactName} />}
        <Cell label="联系电话" value={app.contactPhone} />
        <Cell label={app.kind === 'enterprise' ? '单位地址' : '住址'} value={app.address} />
        <Cell label="申请用水地址" value={app.waterAddress} />
        <Cell label="报装类型" value={app.waterTypeLabel} />
        <Cell label="建筑面积" value={`${app.buildingArea} m²`} />
        {app.caliber !== null && <Cell label="用水口径" value={caliberLabel(app.caliber)} />}
        {app.externalWorks !== null && <Cell label="外线工程" value={externalWorksLabel(app.externalWorks)} />}
        {app.budgetTotal !== null && <Cell label="预算总额" value={money(app.budgetTotal)} />}
        {app.contract && <Cell label="合同编号" value={app.contract.number} />}
        {app.contract?.amount !== undefined && app.contract?.amount !== null && (
          <Cell label="合同金额" value={money(app.contract.amount)} />
        )}
        {app.finalAmount !== null && <Cell label="决算金额" value={money(app.finalAmount)} />}
      </Card>

      <Card title="报装记录">
        {history.length > 0 ? (
          <Timeline entries={history} notices={notices} onOpenFile={openFileById} />
        ) : (
          <Text className="muted">暂无记录</Text>
        )}
      </Card>

      <ActionBar actions={app.availableActions} busy={busy} onAction={onAction} />
      {pending && (
        <ReasonSheet
          title={pending.label}
          description={pending.notice?.text}
          required={pending.commentRequired}
          confirmText={`确认${pending.label}`}
          danger={pending.tone === 'danger'}
          busy={busy}
          onCancel={() => setPending(null)}
          categories={pending.asksReason ? pending.reasonCategories : undefined}
          onSubmit={(reason, reasonCategoryId) => void take(pending, reason, reasonCategoryId)}
        />
      )}
    </View>
  );
}
