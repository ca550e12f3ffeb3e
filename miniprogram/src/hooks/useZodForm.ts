import { fieldErrorMap, fieldErrors } from '@wc/shared';
import { useCallback, useMemo, useState } from 'react';
import type { z } from 'zod';

/** Every input of a form holds text as typed; the schema turns it into numbers and enums. */
type Values<V> = { [K in keyof V]: string };

export interface ZodForm<V extends Values<V>, Out> {
  values: V;
  /** Messages to show now: fields the user has left (or all, after a submit attempt), plus the server's. */
  errors: Record<string, string | undefined>;
  set: (name: keyof V, value: string) => void;
  setAll: (values: V) => void;
  /** Marks a field as visited, so that its message shows from now on (instant validation). */
  touch: (name: keyof V) => void;
  /** Validates everything and shows every message; the parsed value when it is valid. */
  submit: () => Out | null;
  /** Messages the server sent back for fields (VALIDATION_FAILED details). */
  setServerErrors: (errors: Record<string, string>) => void;
  /** What a TextField of `name` needs: its value, its message, and the typing and leaving hooks. */
  field: (name: keyof V & string) => BoundField;
}

export interface BoundField {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/**
 * Form state validated by a shared zod schema as the user types: the same rules and Chinese
 * messages as the server, shown per field once the user has visited it.
 */
export function useZodForm<V extends Values<V>, S extends z.ZodType>(
  schema: S,
  toInput: (values: V) => unknown,
  initial: V,
): ZodForm<V, z.output<S>> {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrorsState] = useState<Record<string, string>>({});

  const allErrors = useMemo(() => {
    const result = schema.safeParse(toInput(values));
    return result.success ? {} : fieldErrorMap(fieldErrors(result.error));
  }, [schema, toInput, values]);

  const errors = useMemo(() => {
    const shown: Record<string, string> = {};
    for (const [path, message] of Object.entries(allErrors)) {
      if (submitted || touched.has(path)) {
        shown[path] = message;
      }
    }
    return { ...shown, ...serverErrors };
  }, [allErrors, serverErrors, submitted, touched]);

  const set = useCallback((name: keyof V, value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    setServerErrorsState((prev) => {
      if (!(name in prev)) {
        return prev;
      }
      const next = { ...prev };
      delete next[name as string];
      return next;
    });
  }, []);

  const touch = useCallback((name: keyof V) => {
    setTouched((prev) => (prev.has(name as string) ? prev : new Set(prev).add(name as string)));
  }, []);

  const submit = useCallback((): z.output<S> | null => {
    setSubmitted(true);
    const result = schema.safeParse(toInput(values));
    return result.success ? result.data : null;
  }, [schema, toInput, values]);

  const field = useCallback(
    (name: keyof V & string): BoundField => ({
      name,
      value: values[name],
      error: errors[name],
      onChange: (value: string) => set(name, value),
      onBlur: () => touch(name),
    }),
    [values, errors, set, touch],
  );

  return {
    values,
    errors,
    set,
    setAll: setValues,
    touch,
    submit,
    setServerErrors: setServerErrorsState,
    field,
  };
}
