/**
 * Mainland China phone numbers: mobile (11 digits starting 13–19) or landline with area code
 * (010-12345678, 0755 8888 6666, optionally an extension after a dash).
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$/;

/** Removes the spaces people type inside numbers; keeps dashes, which separate area code and extension. */
export function normalizePhone(input: string): string {
  return input.replace(/[\s\u3000]/g, '').replace(/^\+?86-?(?=1)/, '');
}

export function isMobilePhone(phone: string): boolean {
  return MOBILE.test(phone);
}

/** True for a valid mainland mobile or landline number (after `normalizePhone`). */
export function isValidPhone(phone: string): boolean {
  return MOBILE.test(phone) || LANDLINE.test(phone);
}
