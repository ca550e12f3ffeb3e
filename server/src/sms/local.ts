import { maskPhone } from '@wc/shared';
import { services } from '../services';
import type { SmsMessage, SmsReceipt, SmsSender } from './types';

/**
 * Local mode (no ALIYUN_SMS_* access key): nothing leaves the machine. The log says which template
 * would have gone to which (masked) number, and only the names of its values — a verification code
 * is not written to the log.
 */
export class LocalSmsSender implements SmsSender {
  readonly live = false;

  send(message: SmsMessage): Promise<SmsReceipt> {
    services().logger.info(
      { phone: maskPhone(message.phone), template: message.template, params: Object.keys(message.params) },
      '短信（本地模式，未发送）',
    );
    return Promise.resolve({ bizId: null, requestId: null, note: null });
  }
}
