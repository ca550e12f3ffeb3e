import { SMS_PARAM_MAX_CHARS, SMS_VALUES, type SmsTemplateParam, type SmsValueKey } from '@wc/shared';
import { ChannelSendError } from '../workers/channels/errors';

export interface FittedParams {
  /** Aliyun's variable names → values, each within the limit. */
  params: Record<string, string>;
  /** What was shortened, in words for the delivery record; null when nothing was. */
  note: string | null;
}

const chars = (text: string) => [...text].length;

/**
 * Fills a template's variables from our values. Aliyun refuses a variable over its limit (35
 * characters for most types); rather than have the platform refuse it, free text is shortened with
 * 「…」and said so, and an identifier (application number, code, time) that does not fit refuses the
 * send here with the reason — never a garbled message.
 */
export function fitParams(template: { key: string; params: SmsTemplateParam[] }, values: Record<string, string>): FittedParams {
  const params: Record<string, string> = {};
  const shortened: string[] = [];
  for (const { name, value } of template.params) {
    const def = SMS_VALUES[value as SmsValueKey] as (typeof SMS_VALUES)[SmsValueKey] | undefined;
    const label = def?.label ?? value;
    const raw = (values[value] ?? '').replace(/\s+/g, ' ').trim();
    if (raw === '') {
      throw new ChannelSendError('refused', 'param_missing', `短信模板变量 ${name}（${label}）没有内容，短信未发送`);
    }
    if (chars(raw) <= SMS_PARAM_MAX_CHARS) {
      params[name] = raw;
      continue;
    }
    if (def?.overflow !== 'fit') {
      throw new ChannelSendError(
        'refused',
        'param_too_long',
        `短信模板变量 ${name}（${label}）有 ${chars(raw)} 个字，超过每个变量 ${SMS_PARAM_MAX_CHARS} 个字的限制，短信未发送`,
      );
    }
    params[name] = `${[...raw].slice(0, SMS_PARAM_MAX_CHARS - 1).join('')}…`;
    shortened.push(`${name}（${label}，原 ${chars(raw)} 个字）`);
  }
  return {
    params,
    note: shortened.length > 0 ? `已截短为 ${SMS_PARAM_MAX_CHARS} 个字后发送：${shortened.join('、')}` : null,
  };
}
