import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { isMobilePhone, maskPhone, smsTemplateSlot } from '@wc/shared';
import { SmsTemplate } from '../models';
import { currentTime, services } from '../services';
import { ChannelSendError } from '../workers/channels/errors';
import type { SmsConfig } from './config';
import { fitParams } from './fit';
import { takeQuota } from './quota';
import type { SmsMessage, SmsReceipt, SmsSender } from './types';

/**
 * SendSms `Code` values other than OK (Aliyun 短信服务 → API 错误码), what they mean for delivery,
 * and the reason the delivery record shows.
 */
const BUSINESS_ERRORS: Record<string, { kind: 'refused' | 'limited' | 'not_sent'; reason: string }> = {
  'isv.BUSINESS_LIMIT_CONTROL': { kind: 'limited', reason: '触发流控' },
  'isv.DAY_LIMIT_CONTROL': { kind: 'limited', reason: '触发日发送限额' },
  'isv.MOBILE_NUMBER_ILLEGAL': { kind: 'refused', reason: '号码格式错误' },
  'isv.MOBILE_COUNT_OVER_LIMIT': { kind: 'refused', reason: '号码数量超过限制' },
  'isv.SMS_TEMPLATE_ILLEGAL': { kind: 'refused', reason: '短信模板不合法（模板不存在或未审核通过，请检查短信模板设置）' },
  'isv.SMS_SIGNATURE_ILLEGAL': { kind: 'refused', reason: '短信签名不合法（签名不存在或未审核通过，请检查 ALIYUN_SMS_SIGN_NAME）' },
  'isv.TEMPLATE_MISSING_PARAMETERS': { kind: 'refused', reason: '短信模板缺少变量（请检查短信模板设置中的变量名）' },
  'isv.TEMPLATE_PARAMS_ILLEGAL': { kind: 'refused', reason: '短信模板变量内容不合法' },
  'isv.PARAM_LENGTH_LIMIT': { kind: 'refused', reason: '短信模板变量超出长度限制' },
  'isv.INVALID_PARAMETERS': { kind: 'refused', reason: '参数格式错误' },
  'isv.AMOUNT_NOT_ENOUGH': { kind: 'refused', reason: '短信账户余额不足' },
  'isv.OUT_OF_SERVICE': { kind: 'refused', reason: '短信服务已停机（账户欠费）' },
  'isv.BLACK_KEY_CONTROL_LIMIT': { kind: 'refused', reason: '号码在黑名单中' },
  'isp.SYSTEM_ERROR': { kind: 'not_sent', reason: '短信平台系统错误，稍后重试' },
};

/** When the platform's flow control frees up, from its message (触发分钟级/小时级/天级流控). */
function platformRetryAt(message: string, now: number): Date {
  if (message.includes('天级')) {
    return new Date(now + 24 * 3_600_000);
  }
  if (message.includes('小时级')) {
    return new Date(now + 3_600_000);
  }
  return new Date(now + 60_000);
}

/** Network failures where the request cannot have reached Aliyun: safe to send again later. */
const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A thrown SDK error (HTTP 4xx/5xx answers, network failures) in the outbox's terms. */
function sdkFailure(error: unknown): ChannelSendError {
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (status !== null) {
    if (code?.includes('Throttling')) {
      return new ChannelSendError('limited', code, `短信平台限流：${message}`, new Date(currentTime().getTime() + 60_000));
    }
    if (status === 503) {
      return new ChannelSendError('not_sent', code, `短信平台暂不可用：${message}`);
    }
    if (status < 500) {
      // SignatureDoesNotMatch, InvalidAccessKeyId.NotFound, Forbidden.RAM…: checked before anything is sent.
      return new ChannelSendError('refused', code, `短信平台拒绝请求：${message}`);
    }
    return new ChannelSendError('uncertain', code, `短信平台出错，无法确认是否已发出：${message}`);
  }
  if (code !== null && NOT_SENT_NETWORK.has(code)) {
    return new ChannelSendError('not_sent', code, `无法连接短信平台：${message}`);
  }
  return new ChannelSendError('uncertain', code, `短信平台没有答复，无法确认是否已发出：${message}`);
}

/** The endpoint as the SDK wants it: a host, and `http` only when the setting says so (a stub). */
function endpointOf(endpoint: string): { host: string; protocol: 'http' | 'https' } {
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint);
  return match?.[1] && match[2]
    ? { protocol: match[1] === 'http' ? 'http' : 'https', host: match[2] }
    : { protocol: 'https', host: endpoint };
}

/** Sends through Aliyun's official SDK (SendSms), after our own limits and the template's checks. */
export class AliyunSmsSender implements SmsSender {
  readonly live = true;
  private readonly client: Dysmsapi;

  constructor(private readonly config: SmsConfig) {
    const { host, protocol } = endpointOf(config.endpoint);
    this.client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        endpoint: host,
        protocol,
        regionId: 'cn-hangzhou',
        connectTimeout: Math.min(config.timeoutMs, 5000),
        readTimeout: config.timeoutMs,
      }),
    );
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const { logger } = services();
    const masked = maskPhone(message.phone);
    if (!isMobilePhone(message.phone)) {
      throw new ChannelSendError('refused', 'invalid_phone', `号码格式错误（${masked}），短信未发送`);
    }
    const template = await SmsTemplate.findOne({ where: { key: message.template } });
    if (!template || !template.enabled) {
      const label = smsTemplateSlot(message.template)?.label ?? message.template;
      throw new ChannelSendError('refused', 'template_missing', `未设置「${label}」的短信模板（系统管理 → 短信模板），短信未发送`);
    }
    const fitted = fitParams(template, message.params);
    const quota = await takeQuota(this.config.limits, message.phone, message.template);
    if (!quota.granted) {
      throw new ChannelSendError('limited', 'local_limit', `限流：${quota.reason}`, quota.retryAt);
    }
    let body: { code?: string; message?: string; bizId?: string; requestId?: string } | undefined;
    try {
      const reply = await this.client.sendSms(
        new SendSmsRequest({
          phoneNumbers: message.phone,
          signName: this.config.signName,
          templateCode: template.templateCode,
          templateParam: JSON.stringify(fitted.params),
        }),
      );
      body = reply.body;
    } catch (error) {
      const failure = sdkFailure(error);
      if (failure.kind === 'refused' || failure.kind === 'not_sent' || failure.kind === 'limited') {
        await quota.release();
      }
      logger.warn({ phone: masked, template: message.template, code: failure.code, kind: failure.kind }, 'sms send failed');
      throw failure;
    }
    const code = body?.code ?? '';
    if (code === 'OK') {
      logger.info({ phone: masked, template: message.template, bizId: body?.bizId }, 'sms sent');
      return { bizId: body?.bizId ?? null, requestId: body?.requestId ?? null, note: fitted.note };
    }
    await quota.release();
    const known = BUSINESS_ERRORS[code];
    const platform = body?.message ?? '';
    logger.warn({ phone: masked, template: message.template, code }, 'sms refused by aliyun');
    if (known?.kind === 'limited') {
      throw new ChannelSendError(
        'limited',
        code,
        `限流：短信平台${platform || known.reason}`,
        platformRetryAt(platform, currentTime().getTime()),
      );
    }
    throw new ChannelSendError(known?.kind ?? 'refused', code || null, `${known?.reason ?? '短信平台拒绝发送'}（${platform || code}）`);
  }
}
