import type { z } from 'zod';
import type { FieldError } from '../errors';

/** Flattens a zod error into field-level messages; the first message per field wins. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key].join('.');
        if (!seen.has(path)) {
          seen.add(path);
          result.push({ path, message: `不允许提交此字段：${key}` });
        }
      }
      continue;
    }
    const path = issue.path.map(String).join('.');
    if (!seen.has(path)) {
      seen.add(path);
      result.push({ path, message: issue.message });
    }
  }
  return result;
}

/** Field errors keyed by path, handy for forms. */
export function fieldErrorMap(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.path, e.message]));
}
