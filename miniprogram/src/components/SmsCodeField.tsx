import { Input, Text, View } from '@tarojs/components';
import type { CodeSentView } from '@wc/shared';
import { useEffect, useState } from 'react';
import type { BoundField } from '../hooks/useZodForm';
import { ApiError, showError } from '../services/request';
import { Field } from './FormField';
import './SmsCodeField.scss';

interface Props {
  field: BoundField;
  /**
   * Asks the server for a code; resolves null when the form's own fields (the phone) are not
   * valid yet, having shown why. Rejects with the server's refusal (a limit, a failed send).
   */
  request: () => Promise<CodeSentView | null>;
}

/**
 * 验证码: six digits and a 获取验证码 button that counts down before a new code may be asked for.
 * In local mode (no SMS configured) the server hands back the code, shown as 「本地模式验证码」.
 */
export function SmsCodeField({ field, request }: Props) {
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<CodeSentView | null>(null);

  useEffect(() => {
    if (wait <= 0) {
      return undefined;
    }
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const ask = async () => {
    if (busy || wait > 0) {
      return;
    }
    setBusy(true);
    try {
      const reply = await request();
      if (reply) {
        setSent(reply);
        setWait(reply.resendAfterSeconds);
      }
    } catch (error) {
      showError(error instanceof ApiError ? error.message : '验证码发送失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const hint = sent
    ? sent.localCode
      ? `本地模式验证码：${sent.localCode}`
      : `验证码已发送至 ${sent.sentTo}，${Math.round(sent.expiresInSeconds / 60)}分钟内有效`
    : undefined;
  return (
    <Field label="验证码" required error={field.error} hint={hint}>
      <View className="sms-code-field">
        <Input
          className="form-field__input sms-code-field__input"
          name={field.name}
          id={`field-${field.name}`}
          value={field.value}
          type="number"
          maxlength={6}
          placeholder="6位数字"
          placeholderClass="form-field__placeholder"
          onInput={(e) => field.onChange(e.detail.value)}
          onBlur={field.onBlur}
        />
        <Text className={`sms-code-field__send ${busy || wait > 0 ? 'sms-code-field__send--wait' : ''}`} onClick={() => void ask()}>
          {busy ? '发送中…' : wait > 0 ? `${wait}秒后重发` : sent ? '重新获取' : '获取验证码'}
        </Text>
      </View>
    </Field>
  );
}
