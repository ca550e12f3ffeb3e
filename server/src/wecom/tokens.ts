import { createHash } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { TokenStore } from '../wechat/tokenStore';
import { ChannelSendError } from '../workers/channels/errors';
import { WECOM_TOKEN_ERRORS, WecomApiError, wecomCall } from './call';
import type { WecomConfig } from './config';

/** Where access tokens come from; a failure there means the message itself never went out. */
export const GETTOKEN_PATH = 'cgi-bin/gettoken';

/**
 * 获取access_token (developer.work.weixin.qq.com/document/path/91039): GET gettoken?corpid&corpsecret,
 * valid 7,200 s; asked again while valid it returns the same token, so `force` changes nothing here.
 */
async function fetchWecomToken(config: WecomConfig): Promise<{ accessToken: string; expiresInSeconds: number }> {
  try {
    const reply = await wecomCall<{ access_token: string; expires_in: number }>(config.apiBase, GETTOKEN_PATH, {
      query: { corpid: config.corpId, corpsecret: config.secret },
    });
    return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in };
  } catch (error) {
    if (error instanceof WecomApiError) {
      // 40013 invalid corpid, 40001 invalid secret, 60020 untrusted IP: nothing was sent.
      throw new ChannelSendError('not_sent', String(error.errcode), `企业微信取 access_token 被拒绝：${error.errcode} ${error.errmsg}`);
    }
    if (error instanceof ChannelSendError && error.kind === 'uncertain') {
      // A token fetch that got no answer sent no message.
      throw new ChannelSendError('not_sent', error.code, error.message);
    }
    throw error;
  }
}

// One store per configuration and database (tests run servers with different settings in one process).
const stores = new WeakMap<WecomConfig, { sequelize: Sequelize; store: TokenStore }>();

/**
 * The app's token, shared by every process through the same table and lease as WeChat's tokens
 * (`wechat_access_tokens`, keyed `wecom:<corpid>:<agentid>:<secret fingerprint>`): cached, and fetched once however many
 * senders ask at the same moment.
 */
export function wecomTokenStore(config: WecomConfig, sequelize: Sequelize): TokenStore {
  const found = stores.get(config);
  if (found && found.sequelize === sequelize) {
    return found.store;
  }
  // The secret's fingerprint is part of the key: after 重置Secret the new secret fetches its own token.
  const fingerprint = createHash('sha256').update(config.secret).digest('hex').slice(0, 8);
  const key = `wecom:${config.corpId}:${config.agentId ?? 0}:${fingerprint}`.slice(0, 64);
  const store = new TokenStore(sequelize, key, () => fetchWecomToken(config));
  stores.set(config, { sequelize, store });
  return store;
}

/** Calls `call` with the app's token; when WeCom says the token is invalid or expired, refreshes once and tries again. */
export async function withWecomToken<T>(tokens: TokenStore, call: (token: string) => Promise<T>): Promise<T> {
  const token = await getToken(tokens);
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof WecomApiError) || !WECOM_TOKEN_ERRORS.has(error.errcode)) {
      throw error;
    }
    // 42001 (not 40001) so that the store drops the token rather than keeping it to compare.
    await tokens.invalidate(token, 42001);
    return call(await getToken(tokens));
  }
}

async function getToken(tokens: TokenStore): Promise<string> {
  try {
    return await tokens.get();
  } catch (error) {
    if (error instanceof ChannelSendError) {
      throw error;
    }
    throw new ChannelSendError(
      'not_sent',
      null,
      `企业微信 access_token 获取失败：${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
