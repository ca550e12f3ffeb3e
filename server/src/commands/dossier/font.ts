import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { AppError } from '../../errors';

/** PDFs need a font with Chinese glyphs; PDF's own 14 fonts have none, and nothing is downloaded at runtime. */
export interface PdfFont {
  data: Buffer;
  /** The face inside a collection (.ttc); ignored by pdfkit for single-face files. */
  family: string;
}

let cached: { path: string; font: PdfFont } | undefined;

function missingMessage(fontPath: string): string {
  return `报装资料汇总需要中文字体，服务器上未找到 ${fontPath}：请管理员安装 fonts-wqy-microhei 或设置 PDF_FONT`;
}

/**
 * The configured font's bytes, read once (about 5 MB for WenQuanYi Micro Hei) and kept: pdfkit
 * embeds only the glyphs a document uses. A missing font is the operator's to fix, so the request
 * is answered 503 with what to install rather than with a PDF of empty boxes.
 */
export function pdfFont(config: Pick<Config, 'pdfFont'>): PdfFont {
  const { path: fontPath, family } = config.pdfFont;
  if (cached?.path === fontPath) {
    return cached.font;
  }
  if (!existsSync(fontPath)) {
    throw new AppError('FEATURE_UNAVAILABLE', missingMessage(fontPath));
  }
  const font = { data: readFileSync(fontPath), family };
  cached = { path: fontPath, font };
  return font;
}

/** At start-up: say now, not at the first export, that 导出资料 will not work on this server. */
export function warnIfPdfFontMissing(config: Pick<Config, 'pdfFont'>, logger: Logger): void {
  if (!existsSync(config.pdfFont.path)) {
    logger.warn({ pdfFont: config.pdfFont.path }, `${missingMessage(config.pdfFont.path)}（导出资料将返回 503）`);
  }
}
