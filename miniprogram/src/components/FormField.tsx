import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './FormField.scss';

interface FieldProps {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A form row: label, control, and the field's Chinese message underneath when it is wrong. */
export function Field({ label, required, error, hint, children }: FieldProps) {
  return (
    <View className={`form-field ${error ? 'form-field--error' : ''}`}>
      <View className="form-field__row">
        <Text className="form-field__label">
          {required && <Text className="form-field__star">*</Text>}
          {label}
        </Text>
        <View className="form-field__control">{children}</View>
      </View>
      {error ? <Text className="form-field__error">{error}</Text> : hint ? <Text className="form-field__hint">{hint}</Text> : null}
    </View>
  );
}

type InputType = 'text' | 'number' | 'digit' | 'idcard';

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  placeholder?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  type?: InputType;
  password?: boolean;
  maxlength?: number;
  disabled?: boolean;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

/** A labelled single-line input with its own error line. */
export function TextField(props: TextFieldProps) {
  const { name, label, value, placeholder, required, error, hint, type, password, maxlength, disabled, onChange, onBlur } = props;
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      <Input
        className="form-field__input"
        name={name}
        id={`field-${name}`}
        value={value}
        type={type ?? 'text'}
        password={password}
        placeholder={placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={maxlength ?? 140}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={() => onBlur?.()}
      />
    </Field>
  );
}
