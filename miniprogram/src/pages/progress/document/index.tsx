import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { FILE_KIND_LABELS } from '@wc/shared';
import { useEffect, useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { Card, Cell } from '../../../components/Card';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { OriginalLink, PdfPages } from '../../../components/FileViewer';
import {
  getBudgetPreview,
  imageSource,
  listAttachments,
  openOriginal,
  pdfSource,
  showsFilesInPage,
  viewPdf,
} from '../../../services/attachments';
import type { Attachment, BudgetPreview } from '../../../services/types';
import { dateTime, fileSize } from '../../../utils/format';
import { BudgetTable } from '../components/BudgetTable';
import './index.scss';

const IMAGE_KINDS = ['jpeg', 'png', 'webp'];

/**
 * One document: budgets as a table, photos inline, PDFs in the viewer, and the original for
 * download. In WeChat's browser, which neither downloads nor (on Android) shows PDFs, the PDF's
 * pages are drawn here and the original is a plain link.
 */
export default function DocumentPage() {
  const session = useRequireLogin();
  const router = useRouter<{ appId?: string; id?: string }>();
  const appId = Number(router.params.appId);
  const id = Number(router.params.id);
  const [file, setFile] = useState<Attachment | null | undefined>(undefined);
  const [preview, setPreview] = useState<BudgetPreview | null>(null);

  useEffect(() => {
    if (!session || !Number.isInteger(appId)) {
      return;
    }
    void (async () => {
      const found = (await listAttachments(appId)).find((a) => a.id === id) ?? null;
      setFile(found);
      if (!found) {
        return;
      }
      Taro.setNavigationBarTitle({ title: found.categoryLabel }).catch(() => undefined);
      if (found.fileKind === 'xlsx') {
        setPreview(await getBudgetPreview(found.id).catch(() => null));
      }
    })().catch(() => setFile(null));
  }, [appId, id, session]);

  if (file === undefined) {
    return (
      <View className="page">
        <Text className="muted">加载中…</Text>
      </View>
    );
  }
  if (file === null) {
    return (
      <View className="page">
        <View className="notice">
          <Text>找不到这份资料，或您没有查看权限。</Text>
        </View>
      </View>
    );
  }

  const isSheet = file.fileKind === 'xlsx' || file.fileKind === 'xls';
  const image = IMAGE_KINDS.includes(file.fileKind) ? imageSource(file) : null;
  const inPage = showsFilesInPage();
  const pdf = inPage && file.fileKind === 'pdf' ? pdfSource(file) : null;
  return (
    <View className="page document-page">
      <Card title={file.displayName}>
        <Cell label="类别" value={file.categoryLabel} />
        <Cell label="文件" value={`${FILE_KIND_LABELS[file.fileKind] ?? file.fileKind} · ${fileSize(file.size)}`} />
        <Cell label="上传时间" value={dateTime(file.createdAt)} />
        <Cell label="文件编号" value={`${file.id}${file.current ? '（当前版本）' : '（已被新版本替换）'}`} />
      </Card>

      {isSheet && (
        <Card title={`${file.categoryLabel}明细`}>
          {preview ? (
            <BudgetTable preview={preview} />
          ) : (
            <Text className="muted">
              {file.fileKind === 'xls' ? '旧版 .xls 表格无法在线预览，' : '这份表格暂时无法预览，'}请下载原件查看。
            </Text>
          )}
        </Card>
      )}
      {image && (
        <View className="card">
          <Image className="document-page__image" src={image} mode="widthFix" onClick={() => void Taro.previewImage({ urls: [image] })} />
        </View>
      )}
      {file.fileKind === 'dwg' && (
        <View className="notice">
          <Text>DWG 是 CAD 图纸格式，手机无法直接打开。请查看同一图纸的 PDF 版本，或在电脑上下载后用 CAD 软件打开。</Text>
        </View>
      )}

      {pdf && (
        <View className="card">
          <PdfPages url={pdf} />
        </View>
      )}

      {inPage ? (
        <View className="document-page__buttons">
          <OriginalLink file={file} />
        </View>
      ) : (
        <View className="document-page__buttons">
          {file.fileKind === 'pdf' && (
            <AppButton className="btn btn--primary btn--block" onClick={() => void viewPdf(file)}>
              打开 PDF
            </AppButton>
          )}
          <AppButton className="btn btn--plain btn--block" onClick={() => void openOriginal(file)}>
            下载原件
          </AppButton>
        </View>
      )}
    </View>
  );
}
