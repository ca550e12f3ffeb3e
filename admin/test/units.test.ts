import type { StaffRole } from '@wc/shared';
import { access } from '../src/access';
import { filtersFromParams, paramsFromFilters } from '../src/pages/Applications/filters';
import { rmbUpper } from '../src/pages/Print/money';
import { filenameFromDisposition, toQueryString } from '../src/request';

/**
 * Pure parts of the staff page, tested on their own in node (`npm test`). The error parser they
 * share with the mini program is tested in shared/test/apiErrors.test.ts.
 */

describe('access flags (src/access.ts)', () => {
  const staff = (id: number, ...roles: StaffRole[]) => ({
    id,
    kind: 'staff' as const,
    roles,
  });

  it('gives nothing to nobody, applicants or staff without a role', () => {
    for (const user of [null, { id: 1, kind: 'applicant' as const, roles: [] }, staff(2)]) {
      const a = access(user);
      expect([a.staff, a.windowEntry, a.admin, a.dashboard]).toEqual([false, false, false, false]);
    }
  });

  it('opens 窗口受理 to window clerks and 系统管理 to administrators only', () => {
    expect(access(staff(1, 'window_clerk'))).toMatchObject({ staff: true, windowEntry: true, admin: false, dashboard: true });
    expect(access(staff(1, 'admin'))).toMatchObject({ windowEntry: false, admin: true });
    expect(access(staff(1, 'surveyor', 'designer'))).toMatchObject({ windowEntry: false, admin: false, staff: true });
  });

  it('holds menus only: what may be done with an application comes with it from the server', () => {
    expect(Object.keys(access(staff(1, 'admin', 'tech_head'))).sort()).toEqual(['admin', 'dashboard', 'staff', 'windowEntry']);
  });
});

describe('人民币大写 on the budget book', () => {
  it.each([
    [0, '零元整'],
    [0.5, '伍角整'],
    [0.05, '伍分'],
    [101, '壹佰零壹元整'],
    [10005, '壹万零伍元整'],
    [12345.6, '壹万贰仟叁佰肆拾伍元陆角整'],
    [31650, '叁万壹仟陆佰伍拾元整'],
    [100000, '壹拾万元整'],
    [20000500, '贰仟万零伍佰元整'],
    [100000500, '壹亿零伍佰元整'],
    [1000000.05, '壹佰万元零伍分'],
    [39520.37, '叁万玖仟伍佰贰拾元叁角柒分'],
  ])('%d → %s', (amount, text) => {
    expect(rmbUpper(amount)).toBe(text);
  });

  it('gives nothing for what is not an amount', () => {
    expect(rmbUpper(-1)).toBe('');
    expect(rmbUpper(Number.NaN)).toBe('');
  });
});

describe('list filters in the address', () => {
  it('round-trips the filters and leaves defaults out of the address', () => {
    const filters = filtersFromParams(
      new URLSearchParams('q=珠江&state=dispatching,surveying&overdue=true&sort=overdue&page=3&pageSize=50&from=2026-11-01'),
    );
    expect(filters).toMatchObject({
      q: '珠江',
      state: 'dispatching,surveying',
      overdue: 'true',
      sort: 'overdue',
      page: 3,
      pageSize: 50,
      from: '2026-11-01',
    });
    expect(paramsFromFilters(filters).toString()).toBe(
      new URLSearchParams({
        q: '珠江',
        state: 'dispatching,surveying',
        from: '2026-11-01',
        overdue: 'true',
        sort: 'overdue',
        page: '3',
        pageSize: '50',
      }).toString(),
    );
    expect(paramsFromFilters(filtersFromParams(new URLSearchParams())).toString()).toBe('');
  });

  it('ignores what the server would refuse', () => {
    expect(
      filtersFromParams(new URLSearchParams('sort=sideways&kind=alien&waterType=x&page=-2&pageSize=9999&overdue=maybe')),
    ).toMatchObject({
      sort: 'newest',
      kind: undefined,
      waterType: undefined,
      page: 1,
      pageSize: 200,
      overdue: undefined,
    });
  });
});

describe('the request layer', () => {
  it('decodes the export file name and builds queries without empty values', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="applications.xlsx"; filename*=UTF-8''${encodeURIComponent('报装列表-202611291200.xlsx')}`,
        'x',
      ),
    ).toBe('报装列表-202611291200.xlsx');
    expect(filenameFromDisposition('attachment; filename="plan.dwg"', 'x')).toBe('plan.dwg');
    expect(filenameFromDisposition(null, '预算书.xlsx')).toBe('预算书.xlsx');
    expect(toQueryString({ q: '珠江 摩尔', page: 2, state: undefined, name: '', overdue: false })).toBe(
      '?q=%E7%8F%A0%E6%B1%9F+%E6%91%A9%E5%B0%94&page=2&overdue=false',
    );
  });
});
