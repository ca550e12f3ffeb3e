/**
 * An action form's values as they are sent: empty values dropped, so optional fields are absent
 * rather than blank, and text trimmed. The online form and the offline (待上传) form send the same.
 */
export function cleanFormValues(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(cleanFormValues);
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, cleanFormValues(v)] as const)
      .filter(([, v]) => v !== undefined && v !== null && v !== '');
    return Object.fromEntries(entries);
  }
  return typeof value === 'string' ? value.trim() : value;
}

/** A file's size as the upload lists show it (「7.8 MB」). */
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
