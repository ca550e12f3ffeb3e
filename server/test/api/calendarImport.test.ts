import ExcelJS from 'exceljs';
import { parseCalendarPaste, type CalendarImportView } from '@wc/shared';
import { createStaff, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin']);
});
afterAll(() => server.close());

/** The sheet an administrator would type from the State Council notice. */
async function holidaySheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2027年');
  sheet.addRow(['开始日期', '结束日期', '类型', '名称']);
  sheet.addRow([new Date(Date.UTC(2027, 1, 6)), new Date(Date.UTC(2027, 1, 12)), '放假', '春节']);
  sheet.addRow(['2027/2/20', '', '上班', '春节调休']);
  sheet.addRow(['下周一', '', '放假', '']);
  sheet.addRow([]);
  sheet.addRow(['2027年5月1日', '2027年5月5日', '放假', '劳动节']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(user: TestUser, content: Buffer, name = '2027放假安排.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  return fetch(`${server.url}/api/settings/calendar/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
}

describe('工作日历 imported from Excel', () => {
  it('reads the sheet into lines the administrator previews, naming the rows it could not read', async () => {
    const res = await upload(admin, await holidaySheet());
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: CalendarImportView };
    expect(data.text.split('\n')).toEqual([
      '2027-02-06~2027-02-12 放假 春节 # Excel第2行',
      '2027-02-20 上班 春节调休 # Excel第3行',
      '2027-05-01~2027-05-05 放假 劳动节 # Excel第6行',
    ]);
    expect(data.errors).toEqual([{ row: 4, message: 'Excel第4行：日期「下周一」无法识别（例：2027-02-06）' }]);

    // The lines go through the paste box's own checks and save as typed ones would.
    const parsed = parseCalendarPaste(data.text, 2027);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(7 + 1 + 5);
    const saved = await admin.api.put<{ data: { days: { date: string; working: boolean }[] } }>('/api/settings/calendar/2027', {
      entries: parsed.entries,
    });
    expect(saved.status).toBe(200);
    const day = (date: string) => saved.body.data.days.find((d) => d.date === date);
    expect(day('2027-02-08')?.working).toBe(false);
    expect(day('2027-02-20')?.working).toBe(true);
  });

  it('refuses what is not an Excel sheet, and non-administrators, saving nothing', async () => {
    const text = await upload(admin, Buffer.from('2027-02-06,放假'), 'holidays.csv');
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { message: string } }).error.message).toContain('.xlsx');
    const reviewer = await createStaff(server.url, ['reviewer']);
    expect((await upload(reviewer, await holidaySheet())).status).toBe(403);
    const noHeader = new ExcelJS.Workbook();
    noHeader.addWorksheet('x').addRow(['随便', '写写']);
    const res = await upload(admin, Buffer.from(await noHeader.xlsx.writeBuffer()));
    expect(((await res.json()) as { data: CalendarImportView }).data.errors[0]?.message).toContain('未找到表头');
  });
});
