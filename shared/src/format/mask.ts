/** `138****5678` — the middle of a phone number hidden from people who do not need it. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) {
    return '*'.repeat(phone.length);
  }
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Credit code with its middle hidden: `9135**********0Y43` keeps 4 + 4 characters. */
export function maskCreditCode(code: string): string {
  if (code.length <= 8) {
    return '*'.repeat(code.length);
  }
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}
