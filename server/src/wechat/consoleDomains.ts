import OSS from 'ali-oss';
import type { Config } from '../config';

export interface MiniProgramDomains {
  request: string[];
  uploadFile: string[];
  downloadFile: string[];
  notes: string[];
}

/**
 * The origin signed OSS download links point at, computed by ali-oss itself from the storage
 * settings (region, bucket, custom endpoint / CNAME), as the attachment routes will produce them.
 */
function ossOrigin(oss: Config['storage']['oss']): string {
  const client = new OSS({
    region: oss.region || undefined,
    bucket: oss.bucket,
    endpoint: oss.endpoint || undefined,
    cname: oss.cname,
    // Signing is local: placeholders are enough to learn the address when no key is configured here.
    accessKeyId: oss.accessKeyId || 'placeholder',
    accessKeySecret: oss.accessKeySecret || 'placeholder',
    secure: oss.endpoint ? oss.endpoint.startsWith('https:') : true,
  });
  return new URL(client.signatureUrl('probe')).origin;
}

/**
 * What the mini program console's 服务器域名 must list (开发管理 → 开发设置): our own host for every
 * kind; with OSS storage, downloads are redirected to signed OSS links, so `downloadFile` needs the
 * bucket's domain as well (WeChat checks the domain of the redirect target too).
 */
export function miniProgramDomains(config: Config): MiniProgramDomains {
  const own = new URL(config.publicUrl).origin;
  const notes: string[] = [];
  if (!own.startsWith('https://')) {
    notes.push(`PUBLIC_URL=${config.publicUrl} 不是 https 地址：小程序只允许已备案的 https 域名`);
  }
  const download = [own];
  if (config.storage.driver === 'oss') {
    try {
      download.push(ossOrigin(config.storage.oss));
      notes.push('附件存放在阿里云 OSS，下载时跳转到 OSS 的签名地址，所以 OSS 域名也要加入 downloadFile 合法域名');
    } catch (error) {
      notes.push(`OSS 设置有误，算不出 OSS 域名：${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { request: [own], uploadFile: [own], downloadFile: download, notes };
}

export function describeDomains(domains: MiniProgramDomains): string[] {
  return [
    '小程序服务器域名（小程序后台 → 开发管理 → 开发设置 → 服务器域名）：',
    `  request 合法域名：${domains.request.join('、')}`,
    `  uploadFile 合法域名：${domains.uploadFile.join('、')}`,
    `  downloadFile 合法域名：${domains.downloadFile.join('、')}`,
    ...domains.notes.map((note) => `  注意：${note}`),
  ];
}
