import ExcelJS from 'exceljs';

/** A 16×12 JPEG (rendered by Chromium), without EXIF. */
const JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAIBAAAQMEAgMAAAAAAAAAAAAAEQEEEgIDExQABQYxUf/EABUBAQEAAAAAAAAAAAAAAAAAAAUG/8QAHxEAAAUEAwAAAAAAAAAAAAAAAAQRExQhI1KxFYGC/9oADAMBAAIRAxEAPwC3w/o23dbe1XeowwjjVEJkSUX5x5h0bbpdTVrvV5pyyKigRACJ95hNXjlpLVcXrMhLHWtJHojh08cu47Ti9eiY5K1qB9g8bhHeRkPWcPKbqJ2SWiMt3Mu11Qf/2Q==';
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAAAQ0lEQVR4AdyQsQ0AIAgEPyxk7wCuRVzLzsa1tP8CC0hIILmC5v/y0nRfDwLnxQecMWHBwvEG3PD7Kxr0pbDgTfI3eAAAAP//oLvOqwAAAAZJREFUAwDPNT75P0jjgAAAAABJRU5ErkJggg==';
const WEBP_BASE64 =
  'UklGRmoCAABXRUJQVlA4WAoAAAAgAAAADwAACwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggfAAAABADAJ0BKhAADAABQCYlsAJ0Pf/81XeoPZJ8oAF+/3X0AAD+ufdr8FuauC3hNNotr5pq8D/+wK6/9AMlcZAD2cx4f7R8lcFNVok7/t26+ydu82H5ubrvEHG5uf5v4Lvj9e5zjT9L+nH5/PwuyI/9LA++b4D4MDyprWAAAAA=';

export interface PhotoExif {
  /** Camera local time, `yyyy:MM:dd HH:mm:ss`. */
  takenAt: string;
  lat: [number, number, number];
  lng: [number, number, number];
}

/** An EXIF APP1 segment (big-endian TIFF) with DateTimeOriginal and GPS position. */
function exifSegment(exif: PhotoExif): Buffer {
  const tiff = Buffer.alloc(178);
  const u16 = (o: number, v: number) => tiff.writeUInt16BE(v, o);
  const u32 = (o: number, v: number) => tiff.writeUInt32BE(v, o);
  const entry = (o: number, tag: number, type: number, count: number, value: number) => {
    u16(o, tag);
    u16(o + 2, type);
    u32(o + 4, count);
    u32(o + 8, value);
  };
  tiff.write('MM', 0, 'latin1');
  u16(2, 42);
  u32(4, 8);
  // IFD0: pointers to the Exif and GPS IFDs.
  u16(8, 2);
  entry(10, 0x8769, 4, 1, 38);
  entry(22, 0x8825, 4, 1, 56);
  u32(34, 0);
  // Exif IFD: DateTimeOriginal.
  u16(38, 1);
  entry(40, 0x9003, 2, 20, 110);
  u32(52, 0);
  // GPS IFD: N latitude, E longitude.
  u16(56, 4);
  entry(58, 0x0001, 2, 2, 0);
  tiff.write('N\0', 66, 'latin1');
  entry(70, 0x0002, 5, 3, 130);
  entry(82, 0x0003, 2, 2, 0);
  tiff.write('E\0', 90, 'latin1');
  entry(94, 0x0004, 5, 3, 154);
  u32(106, 0);
  tiff.write(`${exif.takenAt}\0`, 110, 'latin1');
  const rationals = (o: number, [d, m, s]: [number, number, number]) => {
    [
      [d, 1],
      [m, 1],
      [Math.round(s * 100), 100],
    ].forEach(([n, den], i) => {
      u32(o + i * 8, n ?? 0);
      u32(o + i * 8 + 4, den ?? 1);
    });
  };
  rationals(130, exif.lat);
  rationals(154, exif.lng);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** A real JPEG; with `exif`, it carries capture time and GPS like a phone photo. */
export function jpeg(exif?: PhotoExif): Buffer {
  const plain = Buffer.from(JPEG_BASE64, 'base64');
  if (!exif) {
    return plain;
  }
  // APP1 right after the SOI marker.
  return Buffer.concat([plain.subarray(0, 2), exifSegment(exif), plain.subarray(2)]);
}

/** A site photo taken at 2026-11-20 09:30:00 (China time) at 23°7'30"N 113°19'30"E (Guangzhou). */
export function sitePhoto(): Buffer {
  return jpeg({ takenAt: '2026:11:20 09:30:00', lat: [23, 7, 30], lng: [113, 19, 30] });
}

export function png(): Buffer {
  return Buffer.from(PNG_BASE64, 'base64');
}

export function webp(): Buffer {
  return Buffer.from(WEBP_BASE64, 'base64');
}

/** The start of an HEIC file (ftyp box with the heic brand). */
export function heic(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(200)]);
}

export function pdf(text = '施工图'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
}

/** A drawing file header (AutoCAD 2018 format), padded. */
export function dwg(size = 4096): Buffer {
  const buffer = Buffer.alloc(size);
  buffer.write('AC1032', 0, 'latin1');
  return buffer;
}

/** An old Excel file: the OLE compound-document header and a "Workbook" stream name. */
export function xls(): Buffer {
  const buffer = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buffer, 0);
  Buffer.from('Workbook', 'utf16le').copy(buffer, 1024);
  return buffer;
}

export function html(): Buffer {
  return Buffer.from('<!doctype html><html><script>alert(1)</script></html>', 'utf8');
}

export interface BudgetLine {
  name: string;
  spec: string;
  unit: string;
  quantity: number;
  price: number;
}

export const DEFAULT_BUDGET: BudgetLine[] = [
  { name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120, price: 268.5 },
  { name: '闸阀', spec: 'DN150', unit: '个', quantity: 2, price: 1850 },
  { name: '水表井砌筑', spec: '1.2m×1.0m', unit: '座', quantity: 1, price: 3600 },
];

/** The total of a budget's lines, as the workbook's 合计 row states it. */
export function budgetTotal(lines: BudgetLine[] = DEFAULT_BUDGET): number {
  return Math.round(lines.reduce((sum, l) => sum + l.quantity * l.price, 0) * 100) / 100;
}

/** A budget book (预算书) as the budget staff write it in Excel: title, header, items, 合计. */
export async function budgetXlsx(lines: BudgetLine[] = DEFAULT_BUDGET, title = '给水工程预算书'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('预算');
  sheet.addRow([title]);
  sheet.addRow(['序号', '项目名称', '规格型号', '单位', '数量', '单价(元)', '金额(元)']);
  lines.forEach((l, i) => sheet.addRow([i + 1, l.name, l.spec, l.unit, l.quantity, l.price, Math.round(l.quantity * l.price * 100) / 100]));
  sheet.addRow(['合计', '', '', '', '', '', budgetTotal(lines)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
