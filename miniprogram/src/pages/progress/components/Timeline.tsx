import { Text, View } from '@tarojs/components';
import type { ApplicationNotificationView } from '@wc/shared';
import type { HistoryEntry } from '../../../services/types';
import { dateTime, money } from '../../../utils/format';
import { decisions } from '../decisions';
import './Timeline.scss';

interface Props {
  entries: HistoryEntry[];
  /** The notifications I was sent about this application (reminders included). */
  notices?: ApplicationNotificationView[];
  onOpenFile: (attachmentId: number) => void;
}

type Item = { at: string; entry: HistoryEntry; notice?: never } | { at: string; notice: ApplicationNotificationView; entry?: never };

/** A notification as the timeline shows it: what I was told, when, on which channel, and whether it reached me. */
function Notice({ notice, latest }: { notice: ApplicationNotificationView; latest: boolean }) {
  return (
    <View className={`timeline__item timeline__item--notice ${latest ? 'timeline__item--latest' : ''}`} data-notice={notice.event}>
      <View className="timeline__dot" />
      <View className="timeline__body">
        <View className="timeline__head">
          <Text className="timeline__action">通知：{notice.title}</Text>
          <Text className="timeline__time">{dateTime(notice.at)}</Text>
        </View>
        <Text className="timeline__comment">{notice.text}</Text>
        <Text className={`timeline__meta ${notice.status === 'failed' ? 'timeline__meta--failed' : ''}`}>
          {notice.delivered ? `已通过${notice.channelLabel ?? '微信'}送达` : (notice.reason ?? notice.statusLabel)}
        </Text>
      </View>
    </View>
  );
}

/** 报装记录: what happened, newest first — who, when, from which step to which, comments, files, decisions; and what I was told. */
export function Timeline({ entries, notices = [], onOpenFile }: Props) {
  // A notification a step caused is shown under that step (at the step's time), so the step and
  // its comment lead; the others (reminders) at their own time.
  const stepTime = new Map(entries.map((entry) => [entry.id, entry.at]));
  const items: Item[] = [
    ...entries.map((entry): Item => ({ at: entry.at, entry })),
    ...notices.map((notice): Item => ({
      at: (notice.historyId !== null ? stepTime.get(notice.historyId) : undefined) ?? notice.at,
      notice,
    })),
  ];
  // Newest first; at the same moment the step before the notification it caused.
  const newestFirst = items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.notice ? 1 : -1) - (b.notice ? 1 : -1));
  return (
    <View className="timeline">
      {newestFirst.map((item, index) => {
        if (item.notice) {
          return <Notice key={`n${item.notice.id}`} notice={item.notice} latest={index === 0} />;
        }
        const entry = item.entry;
        const decided = decisions(entry);
        const budgetTotal = typeof entry.payload.budgetTotal === 'number' ? entry.payload.budgetTotal : null;
        const summary = typeof entry.payload.summary === 'string' ? entry.payload.summary : null;
        return (
          <View key={entry.id} className={`timeline__item ${index === 0 ? 'timeline__item--latest' : ''}`}>
            <View className="timeline__dot" />
            <View className="timeline__body">
              <View className="timeline__head">
                <Text className="timeline__action">{entry.actionLabel}</Text>
                <Text className="timeline__time">{dateTime(entry.at)}</Text>
              </View>
              <Text className="timeline__meta">
                {entry.fromLabel && entry.fromLabel !== entry.toLabel ? `${entry.fromLabel} → ${entry.toLabel}` : entry.toLabel}
                {entry.actor.roleLabel ? ` · ${entry.actor.roleLabel}${entry.actor.name ? ` ${entry.actor.name}` : ''}` : ''}
                {entry.newStep && entry.durationMs > 0 ? ` · 该环节用时 ${entry.durationText}` : ''}
              </Text>
              {entry.reason && <Text className="timeline__comment timeline__reason">原因：{entry.reason.label}</Text>}
              {entry.comment && <Text className="timeline__comment">意见：{entry.comment}</Text>}
              {summary && <Text className="timeline__comment">说明：{summary}</Text>}
              {budgetTotal !== null && <Text className="timeline__comment">预算总额：{money(budgetTotal)}</Text>}
              {decided.map((d) => (
                <Text key={`${d.category}-${d.file.attachmentId}`} className="timeline__decision">
                  {d.confirmed ? '已确认' : '未同意'}：{d.label}《{d.file.displayName}》（文件编号 {d.file.attachmentId}）
                </Text>
              ))}
              {entry.attachments.map((file) => (
                <Text key={file.id} className="link timeline__file" onClick={() => onOpenFile(file.id)}>
                  {file.categoryLabel}：{file.displayName}
                </Text>
              ))}
            </View>
          </View>
        );
      })}
    </View>
  );
}
