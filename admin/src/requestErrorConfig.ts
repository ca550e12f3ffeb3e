import type { FormInstance } from 'antd';
import { useMessage } from './feedback';
import { useCallback } from 'react';
import { type FieldError, fieldErrors } from './labels';
import type { z } from 'zod';
import { isApiError } from './request';

/**
 * How failed calls are shown, in one place: the Chinese message from the server as a toast, and
 * field-level `details` put onto the form fields they name (`contract.amount` → the amount input).
 */

/** `sheet.materials.0.name` → `['sheet', 'materials', 0, 'name']` (antd's NamePath). */
export function namePath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Puts field messages onto the form's fields; returns the ones the form has no field for. */
export function applyFieldErrors(form: FormInstance, details: readonly FieldError[]): FieldError[] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const shown: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: FieldError[] = [];
  for (const detail of details) {
    const name = namePath(detail.path);
    if (registered.has(JSON.stringify(name))) {
      shown.push({ name, errors: [detail.message] });
    } else {
      rest.push(detail);
    }
  }
  form.setFields(shown);
  if (shown[0]) {
    form.scrollToField(shown[0].name, { block: 'center' });
  }
  return rest;
}

/** The Chinese text of any error. */
export function errorText(error: unknown): string {
  if (isApiError(error)) {
    return error.message;
  }
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) {
    return error.message;
  }
  return '操作失败，请稍后重试';
}

/**
 * Validates form values with a shared zod schema; on failure shows the messages on the fields and
 * returns null.
 */
export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.output<S> | null {
  const result = schema.safeParse(values);
  if (result.success) {
    return result.data;
  }
  applyFieldErrors(form, fieldErrors(result.error));
  return null;
}

/** `(error, form?) => void`: toast plus field errors; use in every page's catch. */
export function useErrorHandler(): (error: unknown, form?: FormInstance) => void {
  const message = useMessage();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (isApiError(error) && form && error.details.length > 0) {
        const rest = applyFieldErrors(form, error.details);
        void message.error(rest[0]?.message ?? error.message);
        return;
      }
      void message.error(errorText(error));
    },
    [message],
  );
}
