import { Text, View } from '@tarojs/components';
import type { HistoryEntry } from '../../../services/types';
import { dateTime, money } from '../../../utils/format';
import { decisions } from '../decisions';
import './Timeline.scss';

interface Props {
  entries: HistoryEntry[];
  onOpenFile: (attachmentId: number) => void;
}

/** 报装记录: what happened, newest first — who, when, from which step to which, comments, files, decisions. */
export function Timeline({ entries, onOpenFile }: Props) {
  const newestFirst = [...entries].reverse();
  return (
    <View className="timeline">
      {newestFirst.map((entry, index) => {
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
