import { maskPhone } from '@wc/shared';
import { AppError } from '../errors';
import { services } from '../services';
import { ChannelSendError } from '../workers/channels/errors';

/**
 * What the person waiting at the page is told when an SMS they asked for did not go out: a limit
 * (ours or the platform's) as 429 with when to try again; anything else as the service being
 * unavailable. The platform's own reason goes to the log only (phone masked): it may name settings.
 */
export function sendFailure(error: unknown, phone: string, what: string): AppError {
  services().logger.warn(
    {
      phone: maskPhone(phone),
      kind: error instanceof ChannelSendError ? error.kind : 'error',
      code: error instanceof ChannelSendError ? error.code : null,
      reason: error instanceof Error ? error.message : String(error),
    },
    `${what} not sent`,
  );
  if (error instanceof ChannelSendError && error.kind === 'limited') {
    return new AppError('RATE_LIMITED', '短信发送过于频繁，请稍后再试');
  }
  if (error instanceof ChannelSendError && error.kind === 'uncertain') {
    return new AppError('FEATURE_UNAVAILABLE', '短信平台没有及时答复，短信可能稍后才到，请稍候再试');
  }
  return new AppError('FEATURE_UNAVAILABLE', '短信发送失败，请稍后再试或联系营业厅');
}
