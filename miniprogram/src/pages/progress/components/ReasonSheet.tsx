import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { ReasonChoices } from './ReasonChoices';
import './ReasonSheet.scss';

interface Props {
  title: string;
  /** What is being decided, shown above the text box (e.g. the file version). */
  description?: string;
  required: boolean;
  confirmText: string;
  danger?: boolean;
  busy?: boolean;
  onCancel: () => void;
  /** The 原因类别 to choose from, when the action asks one (the server offers them). */
  categories?: readonly { id: number; label: string }[];
  onSubmit: (reason: string, reasonCategoryId?: number) => void;
}

/** A bottom sheet asking for a reason (required when refusing, optional otherwise); render it only while open. */
export function ReasonSheet({ title, description, required, confirmText, danger, busy, onCancel, categories, onSubmit }: Props) {
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<number | null>(null);
  const [error, setError] = useState('');
  const submit = () => {
    const text = reason.trim();
    if (categories && category === null) {
      setError('请选择原因类别');
      return;
    }
    if (required && !text) {
      setError('请填写原因');
      return;
    }
    if (text.length > 2000) {
      setError('原因不能超过2000字');
      return;
    }
    onSubmit(text, category ?? undefined);
  };
  return (
    <View className="reason-sheet">
      <View className="reason-sheet__mask" onClick={onCancel} />
      <View className="reason-sheet__panel">
        <Text className="reason-sheet__title">{title}</Text>
        {description && <Text className="reason-sheet__description">{description}</Text>}
        {categories && (
          <ReasonChoices
            categories={categories}
            chosen={category}
            onChoose={(id) => {
              setCategory(id);
              setError('');
            }}
          />
        )}
        <Textarea
          className="reason-sheet__input"
          value={reason}
          maxlength={2000}
          placeholder={required ? '请填写原因（必填）' : '备注（选填）'}
          onInput={(e) => {
            setReason(e.detail.value);
            setError('');
          }}
        />
        {error && <Text className="reason-sheet__error">{error}</Text>}
        <View className="reason-sheet__buttons">
          <AppButton className="btn" onClick={onCancel}>
            取消
          </AppButton>
          <AppButton className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`} loading={busy} onClick={submit}>
            {confirmText}
          </AppButton>
        </View>
      </View>
    </View>
  );
}
