/**
 * How verification codes (短信验证码) behave. Six digits, five minutes, five tries per code; the
 * send limits mirror Aliyun's own defaults for code templates (1 a minute, 5 an hour, 10 a day per
 * number), so our refusal comes with a clear message before the platform's would, and a client
 * address (IP) may ask for at most 30 codes an hour, whatever the numbers.
 */
export const CODE_LENGTH = 6;
export const CODE_TTL_SECONDS = 300;
/** Wrong entries a code takes; the next entry after the last wrong one is refused even if right. */
export const MAX_ATTEMPTS = 5;

export interface SendLimit {
  scope: 'phone' | 'ip';
  windowSeconds: number;
  max: number;
  message: string;
}

export const SEND_LIMITS: readonly SendLimit[] = [
  { scope: 'phone', windowSeconds: 60, max: 1, message: '验证码已发送，请1分钟后再获取' },
  { scope: 'phone', windowSeconds: 3600, max: 5, message: '该手机号获取验证码过于频繁，请1小时后再试' },
  { scope: 'phone', windowSeconds: 86_400, max: 10, message: '该手机号今日获取验证码次数已达上限，请明天再试' },
  { scope: 'ip', windowSeconds: 3600, max: 30, message: '获取验证码过于频繁，请稍后再试' },
];

/** A new code can be asked for after the shortest phone window. */
export const RESEND_AFTER_SECONDS = 60;
