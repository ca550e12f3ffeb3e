/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, Z, S, V); characters 3–8 are the administrative division code (digits);
 * the 18th is a check character computed from the first 17 with the standard's weights.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters of a code, or null if they use a bad character. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) {
      return null;
    }
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
}

export type CreditCodeProblem = 'length' | 'charset' | 'checksum';

/** Why a credit code is invalid, or null when it is valid. Input is expected upper-case and trimmed. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) {
    return 'length';
  }
  if (!SHAPE.test(code)) {
    return 'charset';
  }
  return creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17) ? null : 'checksum';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
