import type { Attachment } from '../../services/types';

/**
 * The in-page file viewer exists only in the H5 build (index.h5.tsx, chosen by Taro's platform file
 * resolution): the mini program shows files with WeChat's own viewers (openDocument, previewImage),
 * so its packages carry none of pdf.js. These stand-ins keep the imports type-checked.
 */
export function PdfPages(_props: { url: string }) {
  return null;
}

export function OriginalLink(_props: { file: Attachment }) {
  return null;
}
