import { AppError } from '../errors';
import { services } from '../services';
import { AlreadyUsedError } from './accounts';
import { WechatApiError } from './client';

/**
 * What the user is told when a WeChat code exchange fails. Bad, expired and reused codes are the
 * client's to fix (log in again); configuration and outages are ours (logged, 502).
 */
export function wechatFailure(error: unknown, what: '登录' | '授权' | '手机号'): AppError {
  if (error instanceof AppError) {
    return error;
  }
  if (error instanceof AlreadyUsedError) {
    return new AppError('INVALID_CREDENTIALS', `微信${what}凭证已使用，请重新操作`);
  }
  if (error instanceof WechatApiError) {
    // 40029 invalid code, 40163 code been used, 41008 missing code.
    if ([40029, 40163, 41008].includes(error.errcode)) {
      return new AppError('INVALID_CREDENTIALS', `微信${what}凭证无效或已过期，请重新操作`);
    }
    if (error.errcode === 45011) {
      return new AppError('RATE_LIMITED', '微信操作过于频繁，请稍后再试');
    }
    if (error.errcode === 40226) {
      return new AppError('FORBIDDEN', '微信判定该账号存在风险，暂不能使用微信登录，请使用账号密码登录');
    }
  }
  services().logger.error({ err: error }, `wechat ${what} failed`);
  return new AppError('WECHAT_ERROR');
}
