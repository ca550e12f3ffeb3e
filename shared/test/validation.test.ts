import {
  applicationFormSchema,
  creditCodeCheckChar,
  creditCodeProblem,
  fieldErrors,
  formatApplicationNumber,
  formatElapsed,
  isValidPhone,
  maskCreditCode,
  maskPhone,
  normalizePhone,
} from '../src';

const HOUR = 3600 * 1000;

describe('elapsed time (历时)', () => {
  it.each([
    [0, '0小时'],
    [23 * HOUR + 59 * 60 * 1000, '23小时'],
    [24 * HOUR, '1天0小时'],
    [(34 * 24 + 21) * HOUR, '34天21小时'],
    [-5 * HOUR, '0小时'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('application number', () => {
  it('uses the China calendar day and at least two digits', () => {
    // 2019-08-14 18:01 in China is 10:01 UTC
    expect(formatApplicationNumber(new Date('2019-08-14T10:01:00Z'), 14)).toBe('BZ2019081414');
    expect(formatApplicationNumber(new Date('2019-08-14T10:01:00Z'), 3)).toBe('BZ2019081403');
    expect(formatApplicationNumber(new Date('2019-08-14T10:01:00Z'), 123)).toBe('BZ20190814123');
  });

  it('counts 23:30 UTC as the next China day', () => {
    expect(formatApplicationNumber(new Date('2019-08-14T23:30:00Z'), 1)).toBe('BZ2019081501');
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts a code with the right check character', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y44', 'checksum'],
    ['91350100M000100I43', 'charset'],
    ['9135AB00M000100Y43', 'charset'],
  ])('refuses %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });
});

describe('phone numbers', () => {
  it.each(['13812345678', '0755-88886666', '01088886666', '020-87654321-123'])('accepts %s', (p) => {
    expect(isValidPhone(normalizePhone(p))).toBe(true);
  });
  it.each(['1381234567', '12812345678', '88886666', 'abc', '+1 2025550123'])('refuses %s', (p) => {
    expect(isValidPhone(normalizePhone(p))).toBe(false);
  });
  it('drops spaces and the +86 prefix', () => {
    expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678');
  });
  it('masks the middle', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskCreditCode('91350100M000100Y43')).toBe('9135**********0Y43');
  });
});

describe('application form', () => {
  const valid = {
    kind: 'enterprise',
    name: '珠江摩尔',
    creditCode: '91350100M000100Y43',
    contactName: '陈经理',
    contactPhone: '13912345678',
    address: '广州市天河区',
    waterAddress: '广州市天河区华夏路10号',
    waterType: 'construction',
    buildingArea: '222',
  };

  it('accepts a complete enterprise form and normalises it', () => {
    const result = applicationFormSchema.safeParse({ ...valid, creditCode: '91350100m000100y43' });
    expect(result.success && result.data).toMatchObject({ creditCode: '91350100M000100Y43', buildingArea: 222 });
  });

  it('reports every wrong field at once, in Chinese', () => {
    const result = applicationFormSchema.safeParse({ ...valid, name: ' ', creditCode: '123', contactPhone: '555', buildingArea: -1 });
    expect(result.success).toBe(false);
    const errors = result.success ? [] : fieldErrors(result.error);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '请填写单位名称' },
        { path: 'creditCode', message: '社会信用代码应为18位' },
        { path: 'contactPhone', message: '联系电话格式不正确（手机号或带区号的固定电话）' },
        { path: 'buildingArea', message: '建筑面积必须大于0' },
      ]),
    );
  });

  it('limits residents to permanent water and no credit code', () => {
    const result = applicationFormSchema.safeParse({ ...valid, kind: 'resident', name: '张三', waterType: 'capacity' });
    const errors = result.success ? [] : fieldErrors(result.error);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'waterType', message: '居民报装只能选择永久性用水' },
        { path: 'creditCode', message: '居民报装无需填写社会信用代码' },
      ]),
    );
  });

  it('refuses fields that are not on the form', () => {
    const result = applicationFormSchema.safeParse({ ...valid, state: 'completed', number: 'BZ1' });
    const errors = result.success ? [] : fieldErrors(result.error);
    expect(errors.map((e) => e.path).sort()).toEqual(['number', 'state']);
  });
});
