import type { Sequelize } from 'sequelize';
import { ChannelSendError } from '../workers/channels/errors';
import { WecomApiError, sendErrorOf, wecomCall } from './call';
import type { WecomConfig } from './config';
import { wecomTokenStore, withWecomToken } from './tokens';

export const MESSAGE_SEND_PATH = 'cgi-bin/message/send';

/** A text message's content is cut at 2,048 bytes by WeCom (发送应用消息, 文本消息); we cut first, on a character. */
const MAX_CONTENT_BYTES = 2048;

export function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) {
    return text;
  }
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > max) {
      break;
    }
    out += ch;
  }
  return `${out}…`;
}

export interface AppMessageReceipt {
  msgid: string | null;
  /** Recipients WeCom did not know (or who are outside the app's visible range), as we named them. */
  invalidUsers: string[];
}

interface SendReply {
  msgid?: string;
  invaliduser?: string;
}

/**
 * 发送应用消息 (developer.work.weixin.qq.com/document/path/90236): a text message from the app to
 * persons by WeCom userid. When only some recipients are unknown WeCom still sends (errcode 0) and
 * names the others in `invaliduser`, lower-cased; when all are, it refuses with 81013. Duplicate
 * checking is on, so a retry of the same text within 30 minutes is not shown twice.
 */
export async function sendAppMessage(
  config: WecomConfig & { agentId: number },
  sequelize: Sequelize,
  userIds: string[],
  content: string,
): Promise<AppMessageReceipt> {
  const tokens = wecomTokenStore(config, sequelize);
  try {
    const reply = await withWecomToken(tokens, (token) =>
      wecomCall<SendReply>(config.apiBase, MESSAGE_SEND_PATH, {
        query: { access_token: token },
        body: {
          touser: userIds.join('|'),
          msgtype: 'text',
          agentid: config.agentId,
          text: { content: fitBytes(content, MAX_CONTENT_BYTES) },
          safe: 0,
          enable_duplicate_check: 1,
          duplicate_check_interval: 1800,
        },
      }),
    );
    const invalid = new Set(
      (reply.invaliduser ?? '')
        .split('|')
        .filter((u) => u !== '')
        .map((u) => u.toLowerCase()),
    );
    return { msgid: reply.msgid ?? null, invalidUsers: userIds.filter((u) => invalid.has(u.toLowerCase())) };
  } catch (error) {
    if (error instanceof WecomApiError && error.errcode === 81013) {
      throw new ChannelSendError(
        'refused',
        '81013',
        `企业微信通讯录中没有账号 ${userIds.join('、')}（或不在应用的可见范围内），请在用户管理中核对企业微信账号`,
      );
    }
    throw error instanceof WecomApiError ? sendErrorOf(error, '企业微信应用消息被拒绝') : error;
  }
}
