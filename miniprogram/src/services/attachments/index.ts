import Taro from '@tarojs/taro';
import type { MaterialSettings } from '@wc/shared';
import { isH5 } from '../../utils/platform';
import { ApiError, apiUrl, currentToken, newIdempotencyKey, request, showError } from '../request';
import type { Attachment, BudgetPreview } from '../types';

/** The signed links in a listing last 15 minutes; past 10 the listing is fetched again before use. */
const LINK_FRESH_MS = 10 * 60 * 1000;

/** GET /api/applications/:id/attachments — the files of my application that I may see, newest first. */
export async function listAttachments(applicationId: number): Promise<Attachment[]> {
  const { data } = await request<Omit<Attachment, 'fetchedAt'>[]>(`/api/applications/${applicationId}/attachments`);
  const fetchedAt = Date.now();
  return data.map((a) => ({ ...a, fetchedAt }));
}

/** GET /api/attachments/:id/preview — a budget workbook as rows, items and total. */
export async function getBudgetPreview(attachmentId: number): Promise<BudgetPreview> {
  const { data } = await request<BudgetPreview>(`/api/attachments/${attachmentId}/preview`, { toast: false });
  return data;
}

/** The attachment with links that are still valid. */
async function fresh(attachment: Attachment): Promise<Attachment> {
  if (!linksStale(attachment)) {
    return attachment;
  }
  return (await listAttachments(attachment.applicationId)).find((a) => a.id === attachment.id) ?? attachment;
}

function link(path: string | null): string {
  if (!path) {
    throw new ApiError('FORBIDDEN', '您没有下载此文件的权限', 403);
  }
  return apiUrl(path);
}

/**
 * Whether files are shown inside the page instead of being handed to the browser: in WeChat's own
 * browser (the official account's menu opens the H5 pages there) downloads do not happen and, on
 * Android, a PDF link shows nothing. Elsewhere browsers download and show PDFs themselves.
 */
export function showsFilesInPage(): boolean {
  return isH5 && typeof navigator !== 'undefined' && /MicroMessenger/i.test(navigator.userAgent);
}

/** The page that shows one file (PDF pages, photo, budget table) with a link to the original. */
function openDocumentPage(attachment: Attachment): void {
  void Taro.navigateTo({ url: `/pages/progress/document/index?appId=${attachment.applicationId}&id=${attachment.id}` });
}

/** Whether the signed links of a listing may have expired. */
export function linksStale(attachment: Attachment): boolean {
  return Date.now() - attachment.fetchedAt >= LINK_FRESH_MS;
}

/** A still valid signed link to the original file. */
export async function freshDownloadUrl(attachment: Attachment): Promise<string> {
  return link((await fresh(attachment)).downloadUrl);
}

/** The signed link to the original file, for a plain <a> (null when the user may not download it). */
export function originalUrl(attachment: Attachment): string | null {
  return attachment.downloadUrl ? apiUrl(attachment.downloadUrl) : null;
}

/** Where the in-page PDF viewer reads the file: the preview link is served by this origin on every storage driver. */
export function pdfSource(attachment: Attachment): string | null {
  const path = attachment.previewUrl ?? attachment.downloadUrl;
  return path ? apiUrl(path) : null;
}

/** Where an <Image> loads a photo or scanned form from (a signed link: no token needed). */
export function imageSource(attachment: Attachment): string | null {
  return attachment.previewUrl ? apiUrl(attachment.previewUrl) : null;
}

const IMAGES = ['jpeg', 'png', 'webp', 'heic'];
const OPENABLE = ['pdf', 'xlsx', 'xls'] as const;

/** Downloads a file into the WeChat client's temporary storage. */
async function downloadTemp(url: string): Promise<string> {
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) {
    throw new ApiError(res.statusCode === 404 ? 'NOT_FOUND' : 'INTERNAL', '文件下载失败，请稍后再试', res.statusCode);
  }
  return res.tempFilePath;
}

/** A plain browser download of a signed link (also works in WeChat's own browser). */
function browserDownload(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * Downloads the original file: in WeChat it is shown with the system viewer (PDF, Excel) or the
 * image viewer, from where it can be saved or forwarded; in H5 the browser downloads it; in
 * WeChat's browser, which downloads nothing, the file's page shows it with a link to the original.
 * DWG drawings cannot be shown on a phone: the user is pointed to the PDF rendition.
 */
export async function openOriginal(attachment: Attachment): Promise<void> {
  if (showsFilesInPage()) {
    openDocumentPage(attachment);
    return;
  }
  try {
    const file = await fresh(attachment);
    const url = link(file.downloadUrl);
    if (isH5) {
      browserDownload(url, file.originalName || file.displayName);
      return;
    }
    void Taro.showLoading({ title: '正在下载', mask: true });
    const filePath = await downloadTemp(url).finally(() => Taro.hideLoading());
    if (IMAGES.includes(file.fileKind)) {
      await Taro.previewImage({ urls: [filePath] });
    } else if ((OPENABLE as readonly string[]).includes(file.fileKind)) {
      await Taro.openDocument({ filePath, fileType: file.fileKind as (typeof OPENABLE)[number], showMenu: true });
    } else {
      await Taro.showModal({
        title: '无法在手机上打开',
        content: 'DWG 图纸需要用电脑上的 CAD 软件打开。请查看施工图的 PDF 版本，或在电脑浏览器中登录下载原图。',
        showCancel: false,
        confirmText: '知道了',
      });
    }
  } catch (error) {
    showError(error instanceof ApiError ? error.message : '文件打开失败，请稍后再试');
  }
}

/**
 * Shows a PDF (the drawing's rendition): WeChat's document viewer, the browser's own in a new tab,
 * or, in WeChat's browser (no tabs, no PDF display on Android), its pages drawn in the file's page.
 */
export async function viewPdf(attachment: Attachment): Promise<void> {
  if (!isH5) {
    return openOriginal(attachment);
  }
  if (showsFilesInPage()) {
    openDocumentPage(attachment);
    return;
  }
  // Opened before anything is awaited, so that the browser does not block it as a pop-up.
  const tab = window.open('', '_blank');
  try {
    const file = await fresh(attachment);
    const url = link(file.previewUrl ?? file.downloadUrl);
    if (tab) {
      tab.location.href = url;
    } else {
      window.location.href = url;
    }
  } catch (error) {
    tab?.close();
    showError(error instanceof ApiError ? error.message : '文件打开失败，请稍后再试');
  }
}

/** One `Idempotency-Key` per picked file and application, the same for every try (重试, 继续上传材料). */
const uploadKeys = new Map<string, string>();

function uploadKeyOf(applicationId: number, pickKey: number | undefined): string {
  if (pickKey === undefined) {
    return newIdempotencyKey();
  }
  const id = `${applicationId}:${pickKey}`;
  let key = uploadKeys.get(id);
  if (!key) {
    key = newIdempotencyKey();
    uploadKeys.set(id, key);
  }
  return key;
}

/**
 * POST /api/applications/:id/attachments — one of the applicant's papers (营业执照, 身份证…), picked
 * with the camera or the album: `Taro.uploadFile` sends the fields before the file, as the server
 * needs them (on H5 too: Taro's H5 uploadFile appends `formData` first). Every try of one picked
 * file (`picked.key`) carries the same `Idempotency-Key`: when the answer was lost on a phone's
 * network, 重试 gets the stored file's answer instead of storing the paper twice.
 */
export async function uploadMaterial(
  applicationId: number,
  category: string,
  displayName: string,
  picked: { key?: number; path: string; file?: File },
): Promise<void> {
  const token = await currentToken();
  const headers: Record<string, string> = { 'Idempotency-Key': uploadKeyOf(applicationId, picked.key) };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let res: { statusCode: number; data: string };
  try {
    res =
      picked.file && isH5
        ? await postFile(applicationId, category, displayName, picked.file, headers)
        : await Taro.uploadFile({
            url: apiUrl(`/api/applications/${applicationId}/attachments`),
            filePath: picked.path,
            name: 'file',
            formData: { category, displayName },
            header: headers,
          });
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络不稳定，上传失败，请重试', 0);
  }
  if (res.statusCode !== 201) {
    let message = '上传失败，请重试';
    try {
      message = (JSON.parse(res.data) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // A proxy's HTML page: keep the general message.
    }
    throw new ApiError(res.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL', message, res.statusCode);
  }
}

/**
 * H5: the picked File itself in a multipart POST. Taro's H5 uploadFile would first read the picture's
 * blob: URL with XHR, which the pages' CSP (`connect-src 'self'`) refuses.
 */
async function postFile(applicationId: number, category: string, displayName: string, file: File, headers: Record<string, string>) {
  const form = new FormData();
  form.append('category', category);
  form.append('displayName', displayName);
  form.append('file', file, file.name);
  const res = await fetch(apiUrl(`/api/applications/${applicationId}/attachments`), {
    method: 'POST',
    headers,
    body: form,
  });
  return { statusCode: res.status, data: await res.text() };
}

/** GET /api/settings/materials — which papers each kind's form asks for (申请材料设置). */
export async function getMaterialSettings(): Promise<MaterialSettings> {
  const { data } = await request<MaterialSettings>('/api/settings/materials', { toast: false });
  return data;
}

export { shrinkPhoto } from './shrinkPhoto';
