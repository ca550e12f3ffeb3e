import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { BudgetItemView, BudgetSheetView } from '@wc/shared';

const COLUMNS: [keyof BudgetItemView, RegExp][] = [
  ['name', /名称|项目|材料|内容/],
  ['spec', /规格|型号/],
  ['unit', /单位/],
  ['quantity', /数量|工程量/],
  ['price', /单价/],
  ['amount', /金额|合价|合计|小计/],
];

const MAX_ROWS = 300;
const MAX_COLS = 20;

function number(text: string): number | null {
  const n = Number(text.replace(/[,，¥￥\s元]/g, ''));
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

/**
 * Reads a budget workbook (.xlsx) into a table a phone can show: the items with their figures and
 * the total. The layout is found by the header's Chinese column names, not by fixed positions.
 */
export async function readBudget(source: Readable): Promise<BudgetSheetView> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.read(source);
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) {
    return { sheet: '', header: [], items: [], total: null, rows: [] };
  }
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length >= MAX_ROWS) {
      return;
    }
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, MAX_COLS); c++) {
      cells.push(row.getCell(c).text.trim());
    }
    rows.push(cells);
  });

  const headerIndex = rows.findIndex((r) => r.some((c) => COLUMNS[0]?.[1].test(c)) && r.some((c) => /金额|合价/.test(c)));
  if (headerIndex < 0) {
    return { sheet: sheet.name, header: [], items: [], total: null, rows };
  }
  const header = rows[headerIndex] ?? [];
  const position = new Map<keyof BudgetItemView, number>();
  for (const [key, pattern] of COLUMNS) {
    const index = header.findIndex((cell, i) => pattern.test(cell) && ![...position.values()].includes(i));
    if (index >= 0) {
      position.set(key, index);
    }
  }
  const cell = (r: string[], key: keyof BudgetItemView) => {
    const i = position.get(key);
    return i === undefined ? '' : (r[i] ?? '');
  };

  const items: BudgetItemView[] = [];
  let total: number | null = null;
  for (const r of rows.slice(headerIndex + 1)) {
    const label = r.find((c) => c !== '') ?? '';
    if (/^(合\s*计|总\s*计|预算总价|总价)/.test(label) || r.some((c) => /^(合\s*计|总\s*计)$/.test(c))) {
      total =
        number(cell(r, 'amount')) ??
        [...r]
          .reverse()
          .map(number)
          .find((n) => n !== null) ??
        null;
      break;
    }
    const name = cell(r, 'name');
    if (!name) {
      continue;
    }
    items.push({
      name,
      spec: cell(r, 'spec'),
      unit: cell(r, 'unit'),
      quantity: number(cell(r, 'quantity')),
      price: number(cell(r, 'price')),
      amount: number(cell(r, 'amount')),
    });
  }
  if (total === null && items.length > 0) {
    total = Math.round(items.reduce((sum, i) => sum + (i.amount ?? 0), 0) * 100) / 100;
  }
  return { sheet: sheet.name, header, items, total, rows: rows.slice(0, 50) };
}
