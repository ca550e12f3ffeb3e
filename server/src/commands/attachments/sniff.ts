import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type/core';
import { FILE_KIND_LABELS, categoryDef, type AttachmentCategory, type FileKind } from '@wc/shared';
import { AppError } from '../../errors';

/** How much of a file's start is enough to tell what it is. */
export const SNIFF_BYTES = 64 * 1024;

/** DWG files start with `AC10` and two digits naming the AutoCAD release (AC1014 … AC1032). */
function isDwg(head: Buffer): boolean {
  return /^AC10\d\d/.test(head.subarray(0, 6).toString('latin1'));
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const WORKBOOK_NAMES = [Buffer.from('Workbook', 'utf16le'), Buffer.from('Book', 'utf16le')];

/**
 * What a file really is, from its first bytes — never from its name. Null for anything we do not
 * accept (HTML, scripts, executables, other archives, Word files…). An OLE document counts as an
 * old Excel file only when its directory names a workbook stream.
 */
export async function detectKind(head: Buffer): Promise<FileKind | null> {
  if (isDwg(head)) {
    return 'dwg';
  }
  if (head.subarray(0, 8).equals(OLE)) {
    return WORKBOOK_NAMES.some((name) => head.includes(name)) ? 'xls' : null;
  }
  const detected = await fileTypeFromBuffer(head.subarray(0, 4100));
  switch (detected?.ext) {
    case 'jpg':
      return 'jpeg';
    case 'png':
    case 'webp':
    case 'heic':
    case 'pdf':
    case 'xlsx':
      return detected.ext;
    default:
      return null;
  }
}

/** The kind of a stored or spooled file, from its first bytes on disk. */
export async function sniffFile(path: string): Promise<FileKind | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return await detectKind(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Refuses content that is not one of the category's kinds (415, in Chinese). */
export function checkKind(category: AttachmentCategory, kind: FileKind | null): FileKind {
  const def = categoryDef(category);
  if (!kind || !def.kinds.includes(kind)) {
    const allowed = def.kinds.map((k) => FILE_KIND_LABELS[k]).join('、');
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `文件内容与「${def.label}」要求的类型不符${kind ? `（实际为${FILE_KIND_LABELS[kind]}）` : ''}，请上传${allowed}`,
    );
  }
  return kind;
}
