import { calendarYearSchema, fieldErrors, isRealDate, parseCalendarPaste } from '../src';

describe('calendar paste format', () => {
  it('expands ranges to days and reads both kinds', () => {
    const { entries, errors } = parseCalendarPaste('2027-02-06~2027-02-08 放假 春节\n\n2027-02-14 上班 春节调休  # 周日\n', 2027);
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-14', kind: 'workday', name: '春节调休' },
    ]);
  });

  it('gives each bad line its own message', () => {
    const { errors } = parseCalendarPaste(
      [
        '2027-02-30 放假 春节',
        '2026-12-31 放假 元旦',
        '2027-05-01~2027-05-05 放假 劳动节',
        '2027-05-03 上班',
        '2027-06-01 加班',
        '乱写',
      ].join('\n'),
      2027,
    );
    expect(errors).toEqual([
      { line: 1, message: '第1行：日期不存在（2027-02-30）' },
      { line: 2, message: '第2行：日期不在2027年内' },
      { line: 4, message: '第4行：2027-05-03与第3行重叠' },
      { line: 5, message: '第5行：类型应为「放假」或「上班」，不是「加班」' },
      { line: 6, message: expect.stringContaining('第6行：格式应为') },
    ]);
  });

  it('knows impossible dates', () => {
    expect(['2027-02-28', '2028-02-29'].map(isRealDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-13-01', '2027-1-1'].map(isRealDate)).toEqual([false, false, false]);
  });
});

describe('a year’s entries as saved', () => {
  it('reports impossible, out-of-year and repeated dates on their rows', () => {
    const result = calendarYearSchema(2027).safeParse({
      entries: [
        { date: '2027-02-06', kind: 'holiday', name: '春节' },
        { date: '2027-02-31', kind: 'holiday', name: '春节' },
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '' },
        { date: '2027-03-01', kind: 'rest', name: '' },
      ],
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual([
      { path: 'entries.1.date', message: '第2行：2027-02-31不是存在的日期（格式：年-月-日）' },
      { path: 'entries.2.date', message: '第3行：2028-01-01不在2027年内' },
      { path: 'entries.3.date', message: '第4行：2027-02-06与第1行重复' },
      { path: 'entries.4.kind', message: '第5行：类型应为放假或调休上班' },
    ]);
  });
});
