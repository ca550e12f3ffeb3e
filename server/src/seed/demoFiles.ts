import ExcelJS from 'exceljs';

/** A small blue PNG (rendered once by Chromium): stands in for every demo photo. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAAAQ0lEQVR4AdyQsQ0AIAgEPyxk7wCuRVzLzsa1tP8CC0hIILmC5v/y0nRfDwLnxQecMWHBwvEG3PD7Kxr0pbDgTfI3eAAAAP//oLvOqwAAAAZJREFUAwDPNT75P0jjgAAAAABJRU5ErkJggg==';

export function demoPhoto(): Buffer {
  return Buffer.from(PNG_BASE64, 'base64');
}

export function demoPdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
}

export function demoDwg(): Buffer {
  const buffer = Buffer.alloc(2048);
  buffer.write('AC1032', 0, 'latin1');
  return buffer;
}

export const DEMO_BUDGET_LINES = [
  { name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120, price: 268.5 },
  { name: '闸阀', spec: 'DN150', unit: '个', quantity: 2, price: 1850 },
  { name: '水表井砌筑', spec: '1.2m×1.0m', unit: '座', quantity: 1, price: 3600 },
  { name: '智能水表', spec: 'DN100', unit: '块', quantity: 1, price: 2680 },
];

export const DEMO_BUDGET_TOTAL = Math.round(DEMO_BUDGET_LINES.reduce((s, l) => s + l.quantity * l.price, 0) * 100) / 100;

/** A budget book as budget staff write it in Excel. */
export async function demoBudget(title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('预算');
  sheet.addRow([title]);
  sheet.addRow(['序号', '项目名称', '规格型号', '单位', '数量', '单价(元)', '金额(元)']);
  DEMO_BUDGET_LINES.forEach((l, i) => sheet.addRow([i + 1, l.name, l.spec, l.unit, l.quantity, l.price, l.quantity * l.price]));
  sheet.addRow(['合计', '', '', '', '', '', DEMO_BUDGET_TOTAL]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
