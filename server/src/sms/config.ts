/**
 * 短信 (Aliyun SMS) settings. The access key comes only from the environment (never from a file
 * or the admin); without it the server runs in local mode and no SMS leaves the machine.
 */
export interface SmsLimits {
  /** Per phone number: Aliyun's own defaults for verification templates are 1 a minute, 5 an hour, 10 a day. */
  perPhonePerMinute: number;
  perPhonePerHour: number;
  perPhonePerDay: number;
  /** All numbers together in one day (Beijing time): a budget against runaway loops and bills. */
  totalPerDay: number;
}

export interface SmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The 签名 approved in the Aliyun console, e.g. 自来水有限公司. */
  signName: string;
  /** Host of the SendSms API; `http://127.0.0.1:PORT` points it at a stub (tests, the demo). */
  endpoint: string;
  /** How long to wait for Aliyun's answer before the send counts as uncertain (never resent automatically). */
  timeoutMs: number;
  limits: SmsLimits;
}

type Env = Record<string, string | undefined>;

const count = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** Reads ALIYUN_SMS_* from the environment. */
export function smsConfig(env: Env): SmsConfig {
  return {
    accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID?.trim() ?? '',
    accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET?.trim() ?? '',
    signName: env.ALIYUN_SMS_SIGN_NAME?.trim() ?? '',
    endpoint: env.ALIYUN_SMS_ENDPOINT?.trim() || 'dysmsapi.aliyuncs.com',
    timeoutMs: count(env.ALIYUN_SMS_TIMEOUT_MS, 5000) || 5000,
    limits: {
      perPhonePerMinute: count(env.SMS_LIMIT_PER_PHONE_MINUTE, 1),
      perPhonePerHour: count(env.SMS_LIMIT_PER_PHONE_HOUR, 5),
      perPhonePerDay: count(env.SMS_LIMIT_PER_PHONE_DAY, 10),
      totalPerDay: count(env.SMS_LIMIT_TOTAL_DAY, 2000),
    },
  };
}

/** Live only with a full access key and a signature; anything less is local mode. */
export function smsLive(config: SmsConfig): boolean {
  return config.accessKeyId !== '' && config.accessKeySecret !== '' && config.signName !== '';
}
