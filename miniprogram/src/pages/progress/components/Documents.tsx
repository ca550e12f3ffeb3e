import { Text, View } from '@tarojs/components';
import { FILE_KIND_LABELS } from '@wc/shared';
import type { Attachment } from '../../../services/types';
import { dateTime, fileSize } from '../../../utils/format';
import './Documents.scss';

interface Props {
  attachments: Attachment[];
  onView: (attachment: Attachment) => void;
  onDownload: (attachment: Attachment) => void;
}

/** The files meant for the applicant: scheme, drawings, budget, contract, as-built drawing, settlement. */
export function Documents({ attachments, onView, onDownload }: Props) {
  return (
    <View className="documents">
      {attachments.map((file) => (
        <View key={file.id} className={`documents__item ${file.current ? '' : 'documents__item--old'}`}>
          <View className={`documents__icon documents__icon--${file.fileKind}`}>
            <Text>{file.fileKind.toUpperCase().slice(0, 4)}</Text>
          </View>
          <View className="documents__info" onClick={() => onView(file)}>
            <Text className="documents__name">{file.displayName}</Text>
            <Text className="documents__meta">
              {file.categoryLabel} · {FILE_KIND_LABELS[file.fileKind] ?? file.fileKind} · {fileSize(file.size)}
            </Text>
            <Text className="documents__meta">
              {dateTime(file.createdAt)} 上传{file.current ? '' : ' · 已被新版本替换'}
            </Text>
          </View>
          <View className="documents__ops">
            <Text className="link" onClick={() => onView(file)}>
              查看
            </Text>
            <Text className="link" onClick={() => onDownload(file)}>
              下载
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}
