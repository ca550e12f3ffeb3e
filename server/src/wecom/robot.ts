import { ChannelSendError } from '../workers/channels/errors';
import { WecomApiError, sendErrorOf, wecomCall } from './call';
import type { WecomConfig } from './config';
import { fitBytes } from './appMessage';

export const WEBHOOK_PATH = 'cgi-bin/webhook/send';

/** 群机器人: at most 20 messages a minute per robot; past that WeCom answers 45009 (and holds the robot back for a while). */
const PER_MINUTE = 20;
const recent = new Map<string, number[]>();

/** Our own count per robot in this process, so that a burst is held back here instead of being refused there. */
function takeSlot(key: string, now: number): boolean {
  const times = (recent.get(key) ?? []).filter((t) => now - t < 60_000);
  if (times.length >= PER_MINUTE) {
    recent.set(key, times);
    return false;
  }
  times.push(now);
  recent.set(key, times);
  return true;
}

/**
 * 群机器人 (developer.work.weixin.qq.com/document/path/91770): POST webhook/send?key=KEY with a text
 * message, @-mentioning members by mobile number (`mentioned_mobile_list`). 93000: the key is not (or
 * no longer) valid; 45009: over the robot's limit.
 */
export async function sendRobotMessage(config: WecomConfig, team: string, content: string, mentionMobiles: string[]): Promise<void> {
  const key = config.robots[team];
  if (!key) {
    throw new ChannelSendError('refused', null, `企业微信群机器人「${team}」未配置（WECOM_ROBOTS）`);
  }
  if (!takeSlot(key, Date.now())) {
    throw new ChannelSendError('limited', '45009', `企业微信群机器人「${team}」一分钟内已发${PER_MINUTE}条，稍后再发`);
  }
  try {
    await wecomCall<unknown>(config.apiBase, WEBHOOK_PATH, {
      query: { key },
      body: {
        msgtype: 'text',
        text: { content: fitBytes(content, 2048), ...(mentionMobiles.length > 0 ? { mentioned_mobile_list: mentionMobiles } : {}) },
      },
    });
  } catch (error) {
    throw error instanceof WecomApiError ? sendErrorOf(error, `企业微信群机器人「${team}」拒绝了消息`) : error;
  }
}
