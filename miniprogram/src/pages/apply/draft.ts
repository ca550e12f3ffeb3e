import Taro from '@tarojs/taro';
import { isApplyValues, isBlank, type ApplyValues } from './form';

/** The unfinished form is kept per user on the device, so leaving the page loses nothing. */
const key = (userId: number) => `wc.draft.apply.${userId}`;

export function loadDraft(userId: number): ApplyValues | null {
  const stored: unknown = Taro.getStorageSync(key(userId));
  return isApplyValues(stored) ? stored : null;
}

export function saveDraft(userId: number, values: ApplyValues): void {
  if (isBlank(values)) {
    Taro.removeStorageSync(key(userId));
  } else {
    Taro.setStorageSync(key(userId), values);
  }
}

export function clearDraft(userId: number): void {
  Taro.removeStorageSync(key(userId));
}
