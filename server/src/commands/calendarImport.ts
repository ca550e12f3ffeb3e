import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { CalendarImportView } from '@wc/shared';

const MAX_ROWS = 400;

const HEADERS = {
  start: /^(开始)?日期$|^开始|^起/,
  end: /^结束|^止|^至/,
  kind: /类型|安排|放假\/上班|上班\/放假/,
  name: /名称|节日|节假日|说明|备注/,
};

type Column = keyof typeof HEADERS;

/** A cell as a `YYYY-MM-DD` day: Excel dates (stored as UTC midnight) or text like 2027/2/6, 2027年2月6日. */
function dayOf(cell: ExcelJS.Cell): string | null {
  const value = cell.value;
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  const text = cell.text.trim();
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) {
    return null;
  }
  return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
}

/**
 * Reads a year's 放假 / 调休上班 sheet (columns found by their Chinese headers: 日期 or 开始日期,
 * 结束日期, 类型, 名称) into the paste box's lines, each marked with its Excel row — `2027-02-06~
 * 2027-02-12 放假 春节 # Excel第3行` — so the administrator previews and saves them exactly as pasted
 * text, with the same row-level checks. Nothing is saved here.
 */
export async function readCalendarSheet(source: Readable): Promise<CalendarImportView> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.read(source);
  } catch {
    return { text: '', rows: 0, errors: [{ row: 0, message: '文件无法读取，请上传 Excel（.xlsx）文件' }] };
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) {
    return { text: '', rows: 0, errors: [{ row: 0, message: '文件中没有工作表' }] };
  }
  const columns = new Map<Column, number>();
  let headerRow = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (headerRow || number > 10) {
      return;
    }
    const found = new Map<Column, number>();
    row.eachCell((cell, col) => {
      const text = cell.text.trim();
      for (const key of Object.keys(HEADERS) as Column[]) {
        if (!found.has(key) && HEADERS[key].test(text)) {
          found.set(key, col);
          break;
        }
      }
    });
    if (found.has('start') && found.has('kind')) {
      headerRow = number;
      for (const [key, col] of found) {
        columns.set(key, col);
      }
    }
  });
  if (!headerRow) {
    return { text: '', rows: 0, errors: [{ row: 0, message: '未找到表头：第一行应有「日期」（或「开始日期」「结束日期」）和「类型」列' }] };
  }
  const lines: string[] = [];
  const errors: CalendarImportView['errors'] = [];
  let rows = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number <= headerRow || rows >= MAX_ROWS) {
      return;
    }
    const cell = (key: Column) => row.getCell(columns.get(key) ?? 0);
    const texts = [...columns.values()].map((col) => row.getCell(col).text.trim());
    if (texts.every((t) => t === '')) {
      return;
    }
    rows += 1;
    const start = dayOf(cell('start'));
    const end = columns.has('end') && cell('end').text.trim() !== '' ? dayOf(cell('end')) : start;
    const kind = cell('kind').text.trim().replace(/\s+/g, '');
    const name = columns.has('name') ? cell('name').text.trim().replace(/\s+/g, ' ').replace(/#/g, '') : '';
    if (!start) {
      errors.push({ row: number, message: `Excel第${number}行：日期「${cell('start').text.trim()}」无法识别（例：2027-02-06）` });
      return;
    }
    if (!end) {
      errors.push({ row: number, message: `Excel第${number}行：结束日期「${cell('end').text.trim()}」无法识别（例：2027-02-12）` });
      return;
    }
    if (!kind) {
      errors.push({ row: number, message: `Excel第${number}行：请填写类型（放假或上班）` });
      return;
    }
    const range = end === start ? start : `${start}~${end}`;
    lines.push(`${range} ${kind}${name ? ` ${name}` : ''} # Excel第${number}行`);
  });
  if (rows >= MAX_ROWS) {
    errors.push({ row: 0, message: `最多读取${MAX_ROWS}行，其余行未导入` });
  }
  return { text: lines.join('\n'), rows, errors };
}
