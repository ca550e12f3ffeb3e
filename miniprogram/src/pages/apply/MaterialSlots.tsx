import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MaterialCategory, MaterialSlot } from '@wc/shared';
import { shrinkPhoto } from '../../services/attachments';
import { fileSize } from '../../utils/format';
import { isH5, isWeapp } from '../../utils/platform';

/** A paper picked on the phone: waiting for the application's number, going up, up, or refused. */
export interface PickedPaper {
  key: number;
  category: MaterialCategory;
  path: string;
  /** What the phone calls it (shown; the server keeps it as the original name). */
  fileName: string;
  /** H5: the picked file itself (its blob: path cannot be read under the pages' CSP). */
  file?: File;
  /** H5: the size of the photo as picked, when `file` is the shrunk copy that goes up. */
  originalBytes?: number;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  error: string | null;
}

let nextKey = 1;

/** Photos from the camera or the album; in WeChat also a PDF from a chat. */
async function pick(category: MaterialCategory, source: 'photo' | 'pdf'): Promise<PickedPaper[]> {
  const make = (path: string, fileName: string, file?: File): PickedPaper => ({
    key: nextKey++,
    category,
    path,
    fileName,
    file,
    status: 'waiting',
    error: null,
  });
  try {
    if (source === 'pdf') {
      const res = await Taro.chooseMessageFile({ count: 5, type: 'file', extension: ['pdf'] });
      return res.tempFiles.map((f) => make(f.path, f.name));
    }
    const res = await Taro.chooseImage({ count: 9, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    const papers = res.tempFiles.map((f, i) => {
      const file = (f as { originalFileObj?: File }).originalFileObj;
      return make(f.path, file?.name ?? `照片${i + 1}.jpg`, file);
    });
    return isH5 ? await shrinkAll(papers) : papers;
  } catch {
    // The user closed the picker.
    return [];
  }
}

/**
 * H5: the browser hands over the camera's original (often 5–10 MB); each photo is shrunk once, here,
 * one at a time (a 12-megapixel photo takes ~48 MB while it is drawn), so that 提交申请 and 重试 send
 * the same small file.
 */
async function shrinkAll(papers: PickedPaper[]): Promise<PickedPaper[]> {
  if (!papers.some((p) => p.file)) {
    return papers;
  }
  void Taro.showLoading({ title: '正在压缩照片', mask: true });
  try {
    const out: PickedPaper[] = [];
    for (const paper of papers) {
      const shrunk = paper.file ? await shrinkPhoto(paper.file) : undefined;
      out.push(shrunk && paper.file && shrunk !== paper.file ? { ...paper, file: shrunk, originalBytes: paper.file.size } : paper);
    }
    return out;
  } finally {
    Taro.hideLoading();
  }
}

/** The required papers with nothing picked and nothing on the application yet. */
export function missingPapers(slots: readonly MaterialSlot[], picked: readonly PickedPaper[], present: readonly string[]): MaterialSlot[] {
  return slots.filter((s) => s.required && !present.includes(s.category) && !picked.some((p) => p.category === s.category));
}

interface Props {
  slots: readonly MaterialSlot[];
  picked: readonly PickedPaper[];
  /** Categories the application already has a file of (a returned one). */
  present: readonly string[];
  showMissing: boolean;
  onChange: (next: PickedPaper[]) => void;
}

/**
 * 申请材料 on the form: one row per paper the kind asks for (申请材料设置), required ones starred. Files
 * are only picked here; they go up with 提交申请 once the application has its number.
 */
export function MaterialSlots({ slots, picked, present, showMissing, onChange }: Props) {
  const missing = new Set(missingPapers(slots, picked, present).map((s) => s.category));
  const add = async (category: MaterialCategory, source: 'photo' | 'pdf') => onChange([...picked, ...(await pick(category, source))]);
  return (
    <View className="card materials">
      <Text className="apply-page__section">申请材料（照片或 PDF，带 * 的为必须上传）</Text>
      {slots.map((slot) => {
        const own = picked.filter((p) => p.category === slot.category);
        const error = showMissing && missing.has(slot.category);
        return (
          <View
            key={slot.category}
            className={`form-field materials__slot ${error ? 'form-field--error' : ''}`}
            data-material={slot.category}
          >
            <View className="form-field__row">
              <Text className="form-field__label">
                {slot.required && <Text className="form-field__star">*</Text>}
                {slot.label}
              </Text>
              <View className="materials__buttons">
                <Text className="link materials__add" onClick={() => void add(slot.category, 'photo')}>
                  拍照/相册
                </Text>
                {isWeapp && (
                  <Text className="link materials__add" onClick={() => void add(slot.category, 'pdf')}>
                    聊天中的PDF
                  </Text>
                )}
              </View>
            </View>
            {present.includes(slot.category) && <Text className="form-field__hint">已上传</Text>}
            {own.map((p) => (
              <View key={p.key} className={`materials__file materials__file--${p.status}`}>
                <Text className="materials__name">{p.fileName}</Text>
                {p.originalBytes !== undefined && p.file && (
                  <Text className="materials__shrunk">
                    已压缩 {fileSize(p.originalBytes)} → {fileSize(p.file.size)}
                  </Text>
                )}
                <Text className="materials__status">
                  {p.status === 'uploading'
                    ? '上传中…'
                    : p.status === 'done'
                      ? '已上传'
                      : p.status === 'failed'
                        ? `失败：${p.error ?? ''}`
                        : ''}
                </Text>
                {p.status !== 'uploading' && p.status !== 'done' && (
                  <Text className="link" onClick={() => onChange(picked.filter((x) => x.key !== p.key))}>
                    移除
                  </Text>
                )}
              </View>
            ))}
            {error && <Text className="form-field__error">请上传{slot.label}</Text>}
          </View>
        );
      })}
    </View>
  );
}
