import type { Config } from '../config';
import { services } from '../services';
import { AliyunSmsSender } from './aliyun';
import { smsLive } from './config';
import { LocalSmsSender } from './local';
import type { SmsSender } from './types';

export type { SmsMessage, SmsReceipt, SmsSender } from './types';

// One sender per configuration (tests run servers with different configurations in one process).
const byConfig = new WeakMap<Config, SmsSender>();

/** The configured SMS sender: Aliyun's SDK when ALIYUN_SMS_* is set, else the local mode that only logs. */
export function smsSender(config: Config = services().config): SmsSender {
  let sender = byConfig.get(config);
  if (!sender) {
    sender = smsLive(config.sms) ? new AliyunSmsSender(config.sms) : new LocalSmsSender();
    byConfig.set(config, sender);
  }
  return sender;
}
