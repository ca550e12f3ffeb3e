import { getFlow, type StateKey, type Threshold } from '@wc/shared';
import { NO_ENTRIES, type WorkCalendar } from '../../src/lib/deadlines';
import { expectedWaterOn } from '../../src/lib/expectedWaterOn';

const china = (text: string) => new Date(`${text}+08:00`);
const workdays = (value: number): Threshold => ({ value, unit: 'workdays' });
const resident = getFlow('resident', 1);
const thresholds = new Map<StateKey, Threshold | null>([
  ['submitted', workdays(1)],
  ['surveying', workdays(3)],
  ['payment', null],
  ['construction', workdays(5)],
  ['acceptance', workdays(2)],
]);

// 2027's Spring Festival as a utility would enter it (chinese-days has no 2027 data).
const springFestival2027: WorkCalendar = new Map([
  ...['06', '07', '08', '09', '10', '11', '12'].map((d) => [`2027-02-${d}`, 'holiday'] as const),
  ['2027-02-20', 'workday'] as const,
]);

describe('预计通水日期', () => {
  const base = { flow: resident, state: 'surveying' as StateKey, thresholds, now: china('2027-01-28T10:00:00') };

  it('adds the remaining steps’ working days from the current step’s due time, skipping the holiday', () => {
    const result = expectedWaterOn({ ...base, currentDueAt: china('2027-02-03T10:00:00'), calendar: springFestival2027 });
    // Construction's 5 working days from Wed 3 Feb: 4, 5, (6–12 off, 13–14 weekend), 15, 16, 17.
    expect(result).toEqual({
      date: '2027-02-17',
      customerSteps: ['缴费'],
      note: '按各环节办理时限推算，未计入需用户办理的环节（缴费），实际日期以办理进度为准',
    });
    // Without the entered holiday it would be a week earlier: what the customer would wrongly be told.
    expect(expectedWaterOn({ ...base, currentDueAt: china('2027-02-03T10:00:00'), calendar: NO_ENTRIES })?.date).toBe('2027-02-10');
  });

  it('counts from now when the current step is already overdue or has no time limit', () => {
    const overdue = expectedWaterOn({ ...base, currentDueAt: china('2027-01-20T10:00:00'), calendar: NO_ENTRIES });
    // From Thu 28 Jan: 29, 1, 2, 3, 4 Feb.
    expect(overdue?.date).toBe('2027-02-04');
    const atPayment = expectedWaterOn({ ...base, state: 'payment', currentDueAt: null, calendar: NO_ENTRIES });
    expect(atPayment?.customerSteps).toEqual(['缴费']);
    expect(atPayment?.date).toBe('2027-02-04');
  });

  it('gives no date once water flows, off the main path, or at the end', () => {
    for (const state of ['acceptance', 'handover', 'completed', 'returned', 'withdrawn'] as StateKey[]) {
      expect(expectedWaterOn({ ...base, state, currentDueAt: null, calendar: NO_ENTRIES })).toBeNull();
    }
  });
});
