import { chinaDayKey } from './chinaTime';

/**
 * Application number (报装编号): `BZ` + China calendar day `yyyyMMdd` + the day's sequence,
 * at least two digits (`BZ2019081414`). The sequence itself is allocated by the server.
 */
export function formatApplicationNumber(day: Date, sequence: number): string {
  return `BZ${chinaDayKey(day)}${String(sequence).padStart(2, '0')}`;
}

export const APPLICATION_NUMBER_PATTERN = /^BZ\d{8}\d{2,}$/;

/** Contract number (合同编号): `YJ-GS-<year>-<n>`, editable by the contract clerk. */
export function formatContractNumber(year: number, sequence: number): string {
  return `YJ-GS-${year}-${sequence}`;
}
