import { dueAt } from '../../src/lib/deadlines';

const china = (local: string) => new Date(`${local}+08:00`);

describe('due time of a step', () => {
  it('adds natural hours', () => {
    expect(dueAt(china('2026-11-27T10:00:00'), { value: 24, unit: 'hours' })).toEqual(china('2026-11-28T10:00:00'));
  });

  it('skips the National Day holiday when counting working days', () => {
    expect(dueAt(china('2026-09-30T10:00:00'), { value: 1, unit: 'workdays' })).toEqual(china('2026-10-08T10:00:00'));
  });

  it('counts a 调休 Saturday as a working day', () => {
    expect(dueAt(china('2026-10-09T16:30:00'), { value: 1, unit: 'workdays' })).toEqual(china('2026-10-10T16:30:00'));
    expect(dueAt(china('2026-09-30T09:00:00'), { value: 3, unit: 'workdays' })).toEqual(china('2026-10-10T09:00:00'));
  });

  it('skips an ordinary weekend', () => {
    expect(dueAt(china('2026-11-27T11:00:00'), { value: 1, unit: 'workdays' })).toEqual(china('2026-11-30T11:00:00'));
  });

  it('has no due time without a threshold', () => {
    expect(dueAt(china('2026-11-27T11:00:00'), null)).toBeNull();
  });
});
