import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Card } from '../../../components/Card';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { getApplication, takeAction } from '../../../services/applications';
import { getBudgetPreview, listAttachments, openOriginal, viewPdf } from '../../../services/attachments';
import { ApiError } from '../../../services/request';
import type { ApplicationDetail, Attachment, AvailableAction, BudgetPreview } from '../../../services/types';
import { dateTime, money } from '../../../utils/format';
import { askForProgressMessages, useSubscribeOffer } from '../../../utils/subscribe';
import { ActionBar } from '../components/ActionBar';
import { BudgetTable } from '../components/BudgetTable';
import { ReasonSheet } from '../components/ReasonSheet';
import { SUBJECTS, currentOf, isSubjectKey } from '../subjects';
import './index.scss';

interface Loaded {
  app: ApplicationDetail;
  decided: Attachment | null;
  budget: Attachment | null;
  drawings: Attachment[];
  preview: BudgetPreview | null;
}

/**
 * 确认: the applicant looks at the current drawing and budget (or design change) and confirms or
 * refuses it; the decision names the exact file version that was shown.
 */
export default function ConfirmPage() {
  const session = useRequireLogin();
  const router = useRouter<{ id?: string; subject?: string }>();
  const id = Number(router.params.id);
  const subjectKey = isSubjectKey(router.params.subject) ? router.params.subject : 'design';
  const subject = SUBJECTS[subjectKey];
  const [data, setData] = useState<Loaded | null>(null);
  const [pending, setPending] = useState<AvailableAction | null>(null);
  const [busy, setBusy] = useState(false);
  // Loads the subscribe templates now: asking must happen within the confirmation's tap.
  useSubscribeOffer();

  const load = useCallback(async () => {
    if (!session || !Number.isInteger(id)) {
      return;
    }
    const [app, files] = await Promise.all([getApplication(id), listAttachments(id)]);
    const budget = currentOf(files, subject.budget);
    const preview = budget ? await getBudgetPreview(budget.id).catch(() => null) : null;
    setData({
      app,
      decided: currentOf(files, subject.decided),
      budget,
      drawings: subject.drawings.map((c) => currentOf(files, c)).filter((f): f is Attachment => f !== null),
      preview,
    });
  }, [id, session, subject]);

  useDidShow(() => {
    void Taro.setNavigationBarTitle({ title: subject.navTitle }).catch(() => undefined);
    void load().catch(() => undefined);
  });

  if (!data) {
    return (
      <View className="page">
        <Text className="muted">加载中…</Text>
      </View>
    );
  }

  const { app, decided, budget, drawings, preview } = data;
  // The decisions offered on this subject: one confirms, the other refuses (`decision.confirms`).
  const actions = app.availableActions.filter((a) => a.decision?.subject === subjectKey);
  const version = decided ? `${decided.categoryLabel}《${decided.displayName}》（文件编号 ${decided.id}）` : '';

  const confirms = (action: AvailableAction) => action.decision?.confirms === true;

  const decide = async (action: AvailableAction, reason: string, reasonCategoryId?: number) => {
    if (!decided || !action.decision) {
      return;
    }
    // Subscribe-message consent must be asked from the tap itself: before anything is awaited.
    const asked = confirms(action) ? askForProgressMessages() : Promise.resolve();
    setBusy(true);
    try {
      await asked;
      await takeAction(app.id, action.key, {
        [action.decision.claim]: decided.id,
        version: app.version,
        ...(reason ? { comment: reason } : {}),
        ...(reasonCategoryId ? { reasonCategoryId } : {}),
      });
      setPending(null);
      await Taro.showToast({ title: confirms(action) ? '已确认' : '已提交意见', icon: 'success' });
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/pages/progress/detail/index?id=${app.id}` })), 800);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STATE_CONFLICT') {
        // A newer version was uploaded while the user was reading: show it.
        setPending(null);
        await load().catch(() => undefined);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`page confirm-page ${actions.length > 0 ? 'page--with-bar' : ''}`}>
      <View className="notice notice--info">
        <Text>{subject.intro}</Text>
      </View>
      {actions.length === 0 && (
        <View className="notice">
          <Text>当前无需您确认（状态：{app.stateLabel}）。</Text>
        </View>
      )}

      <Card title={subject.title} extra={<Text className="mono">{app.number}</Text>}>
        {decided ? (
          <View className="confirm-page__version">
            <Text className="muted small">您正在查看的版本</Text>
            <Text className="confirm-page__version-text decided-version">
              {decided.categoryLabel}《{decided.displayName}》
            </Text>
            <Text className="muted small">
              文件编号 {decided.id} · {dateTime(decided.createdAt)} 上传
            </Text>
          </View>
        ) : (
          <Text className="muted">文件尚未上传，请稍后再来确认。</Text>
        )}
      </Card>

      {drawings.length > 0 && (
        <Card title="图纸">
          {drawings.map((file) => (
            <View key={file.id} className="confirm-page__file">
              <View className="confirm-page__file-info">
                <Text className="confirm-page__file-name">{file.displayName}</Text>
                <Text className="muted small">
                  {file.categoryLabel} · 文件编号 {file.id}
                </Text>
              </View>
              <Text className="link" onClick={() => void (file.fileKind === 'pdf' ? viewPdf(file) : openOriginal(file))}>
                {file.fileKind === 'pdf' ? '查看' : '下载原图'}
              </Text>
            </View>
          ))}
        </Card>
      )}

      {budget && (
        <Card
          title={budget.categoryLabel}
          extra={
            <Text className="link" onClick={() => void openOriginal(budget)}>
              下载原件
            </Text>
          }
        >
          {preview ? <BudgetTable preview={preview} /> : <Text className="muted">预算书暂时无法预览，请下载原件查看。</Text>}
          {app.budgetTotal !== null && subject.budget === 'budget' && (
            <Text className="small muted confirm-page__total">登记的预算总额：{money(app.budgetTotal)}</Text>
          )}
        </Card>
      )}

      <ActionBar actions={actions} busy={busy} onAction={setPending} />
      {pending && (
        <ReasonSheet
          title={pending.label}
          description={version ? `${confirms(pending) ? '确认' : '不同意'}的是：${version}` : undefined}
          required={pending.commentRequired}
          confirmText={confirms(pending) ? '确认无误' : '提交意见'}
          danger={pending.tone === 'danger'}
          busy={busy}
          onCancel={() => setPending(null)}
          categories={pending.asksReason ? pending.reasonCategories : undefined}
          onSubmit={(reason, reasonCategoryId) => void decide(pending, reason, reasonCategoryId)}
        />
      )}
    </View>
  );
}
