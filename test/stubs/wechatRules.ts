/**
 * WeChat's published rules for the values of subscribe-message and new-style template-message
 * fields, written independently of the server's formatter, so that the stub checks what it receives.
 * Returns a problem description, or null when the value is acceptable.
 */
export function fieldProblem(key: string, value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) {
    return `${key}: empty`;
  }
  const chars = [...value];
  const type = key.replace(/\d+$/, '');
  const han = /\p{Script=Han}/u;
  switch (type) {
    case 'thing':
    case 'const':
      return chars.length > 20 ? `${key}: thing longer than 20` : null;
    case 'short_thing':
      return chars.length > 5 ? `${key}: short_thing longer than 5` : null;
    case 'character_string':
      if (chars.length > 32) {
        return `${key}: character_string longer than 32`;
      }
      return /^[\x21-\x7e]+$/.test(value) ? null : `${key}: character_string with characters other than letters, digits, symbols`;
    case 'number':
      return value.length <= 32 && /^\d+(\.\d+)?$/.test(value) ? null : `${key}: not a number of ≤32 digits`;
    case 'letter':
      return value.length <= 32 && /^[A-Za-z]+$/.test(value) ? null : `${key}: not ≤32 letters`;
    case 'symbol':
      return chars.length <= 5 ? null : `${key}: more than 5 symbols`;
    case 'phrase':
      return chars.length <= 5 && chars.every((c) => han.test(c)) ? null : `${key}: phrase must be ≤5 Chinese characters`;
    case 'name':
      return (han.test(value) ? chars.length <= 10 : chars.length <= 20) ? null : `${key}: name too long`;
    case 'time':
      return /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}(:\d{2})?$/.test(value) || /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value)
        ? null
        : `${key}: not a time`;
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/.test(value) || /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/.test(value)
        ? null
        : `${key}: not a date`;
    case 'amount':
      return /^[¥$]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? null : `${key}: not an amount`;
    case 'phone_number':
      return /^[\d+-]{1,17}$/.test(value) ? null : `${key}: not a phone number`;
    default:
      return `${key}: unknown field type`;
  }
}

/** Problems of a message's `data`; `first`/`remark` do not exist in new-style templates. */
export function dataProblems(data: unknown): string[] {
  if (!data || typeof data !== 'object') {
    return ['data: missing'];
  }
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'first' || key === 'remark') {
      problems.push(`${key}: not a field of new-style templates`);
      continue;
    }
    problems.push(...[fieldProblem(key, (entry as { value?: unknown } | null)?.value)].filter((p): p is string => p !== null));
  }
  return problems;
}

/**
 * The keywords of a template's `content`, as WeChat lists it (`事项{{thing1.DATA}}\n…`; the
 * official account's docs also show `{ {result.DATA} }` with spaces), written apart from the
 * server's parser.
 */
export function templateKeywords(content: string): string[] {
  return [...content.matchAll(/\{\s*\{\s*([A-Za-z_]+\d*)\.DATA\s*\}\s*\}/g)].map((m) => m[1] ?? '');
}

/**
 * 47003 for keywords: WeChat refuses a message whose `data` names a keyword the template does not
 * have, or leaves one of the template's keywords out ("模板参数不准确，可能为空").
 */
export function keywordProblems(keywords: string[], data: unknown): string[] {
  const given = data && typeof data === 'object' ? Object.keys(data) : [];
  return [
    ...given.filter((key) => !keywords.includes(key)).map((key) => `data.${key}: not a keyword of the template`),
    ...keywords.filter((key) => !given.includes(key)).map((key) => `data.${key}.value: empty`),
  ];
}
