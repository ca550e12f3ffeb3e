import type { ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Transaction } from 'sequelize';
import wechat from 'wechat';
import type { Config } from '../config';
import type { AppState } from '../context';
import { withTransaction } from '../db/transaction';
import { OutboxDelivery, User, WechatFollower } from '../models';
import { services } from '../services';
import { AlreadyUsedError, linkFollowersByUnionid, useOnce } from './accounts';
import { officialAccount } from './apps';
import { runInBackground } from './background';
import { PushCryptor, XML_ROOT, pushSignature, signatureMatches } from './pushCrypto';

/** WeChat signs each push with a timestamp; older (or future) ones are refused as replays. */
const PUSH_WINDOW_SECONDS = 300;
const MAX_BODY_BYTES = 64 * 1024;

export const WELCOME_TEXT = '欢迎关注！办理新装用水请点击菜单「综合服务 → 用户报装」，查询办理进度请点击「综合服务 → 用户报装查询」。';
export const HELP_TEXT = '您好！新装用水请点击菜单「综合服务 → 用户报装」在线申请；已申请的，请点击「用户报装查询」查看办理进度。';

type Reply = { kind: 'text'; text: string } | { kind: 'empty' } | { kind: 'duplicate' };

/** The fields we read from a push, as strings. */
const FIELDS = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'MsgId', 'Event', 'MsgID', 'Status'] as const;
type PushMessage = Partial<Record<(typeof FIELDS)[number], string>>;

/**
 * Copies the fields we use from what the `wechat` package parsed — own string properties only: XML
 * element names become keys there, and `__proto__` or `constructor` elements must never stand in
 * for a field through the prototype chain.
 */
function readMessage(parsed: unknown): PushMessage {
  const message: PushMessage = {};
  if (typeof parsed !== 'object' || parsed === null) {
    return message;
  }
  for (const field of FIELDS) {
    const value: unknown = Object.prototype.hasOwnProperty.call(parsed, field) ? (parsed as Record<string, unknown>)[field] : undefined;
    if (typeof value === 'string') {
      message[field] = value;
    }
  }
  return message;
}

/**
 * What makes a retry the same push (消息管理 › 接收普通消息 / 接收事件推送): WeChat retries a push it
 * got no answer to within five seconds, three times, and recommends de-duplicating messages by
 * `MsgId` and events by `FromUserName` + `CreateTime`. The event's name (and a receipt's `MsgID`)
 * is added so that two different events in the same second — subscribe, then unsubscribe — are not
 * taken for one.
 */
function retryKey(message: PushMessage): string | null {
  if (message.MsgType !== 'event' && message.MsgId) {
    return `msg:${message.MsgId}`;
  }
  if (message.MsgType === 'event' && message.FromUserName && message.CreateTime) {
    return `event:${message.FromUserName}:${message.CreateTime}:${message.Event ?? ''}:${message.MsgID ?? ''}`;
  }
  return null;
}

/** Applies a subscribe/unsubscribe unless a newer event for this follower was applied already. */
async function recordFollow(appId: string, openid: string, subscribed: boolean, at: Date, t: Transaction): Promise<void> {
  const follower = await WechatFollower.findOne({ where: { appId, openid }, transaction: t });
  if (!follower) {
    await WechatFollower.create(
      {
        appId,
        openid,
        unionid: null,
        userId: null,
        subscribed,
        subscribedAt: subscribed ? at : null,
        unsubscribedAt: subscribed ? null : at,
        lastEventAt: at,
      },
      { transaction: t },
    );
    return;
  }
  if (follower.lastEventAt && follower.lastEventAt.getTime() > at.getTime()) {
    return;
  }
  await follower.update(
    subscribed ? { subscribed, subscribedAt: at, lastEventAt: at } : { subscribed, unsubscribedAt: at, lastEventAt: at },
    { transaction: t },
  );
}

/** What a push changes and what we answer, inside the push's transaction. */
async function applyMessage(appId: string, message: PushMessage, t: Transaction): Promise<Reply> {
  const openid = message.FromUserName ?? '';
  const at = new Date(Number(message.CreateTime ?? 0) * 1000 || Date.now());
  if (message.MsgType === 'event') {
    switch (message.Event) {
      case 'subscribe':
        await recordFollow(appId, openid, true, at, t);
        return { kind: 'text', text: WELCOME_TEXT };
      case 'unsubscribe':
        await recordFollow(appId, openid, false, at, t);
        return { kind: 'empty' };
      case 'TEMPLATESENDJOBFINISH':
        // WeChat's delivery receipt: a user who blocked the account did not get the message.
        if (message.MsgID && message.Status && message.Status !== 'success') {
          await OutboxDelivery.update(
            { errorMessage: `送达回执：${message.Status}`.slice(0, 500) },
            { where: { msgId: message.MsgID, channel: 'oa_template' }, transaction: t },
          );
        }
        return { kind: 'empty' };
      default:
        return { kind: 'empty' };
    }
  }
  return message.MsgType === 'text' ? { kind: 'text', text: HELP_TEXT } : { kind: 'empty' };
}

/**
 * One push, once: its (timestamp, nonce) pair and its retry key are recorded in the same transaction
 * as what it changes. A second delivery — WeChat's retry, or a replay of a captured request — changes
 * nothing and is answered like any push we have nothing to say to, so WeChat stops retrying. A push
 * whose processing failed leaves no trace and can be retried by WeChat.
 */
async function handleMessage(appId: string, message: PushMessage, nonceKey: string): Promise<Reply> {
  const key = retryKey(message);
  try {
    return await withTransaction(services().sequelize, async (t) => {
      await useOnce('push_nonce', nonceKey, t);
      if (key) {
        await useOnce('push_message', key, t);
      }
      return applyMessage(appId, message, t);
    });
  } catch (error) {
    if (error instanceof AlreadyUsedError) {
      return { kind: 'duplicate' };
    }
    throw error;
  }
}

/**
 * Asks WeChat whether an openid follows the account and for its unionid, so that someone who logged
 * in with the mini program receives official-account messages too (and followers from before this
 * server existed are known). Best effort, run after replying: WeChat waits five seconds at most.
 */
export async function refreshFollower(appId: string, openid: string, logger: Logger): Promise<void> {
  const account = officialAccount();
  if (!account) {
    return;
  }
  try {
    const info = await account.getUser(openid);
    const unionid = info.unionid ?? null;
    await withTransaction(services().sequelize, async (t) => {
      const follower = await WechatFollower.findOne({ where: { appId, openid }, transaction: t });
      if (!follower) {
        return;
      }
      const subscribed = info.subscribe === 1;
      await follower.update(
        {
          ...(unionid ? { unionid } : {}),
          ...(subscribed !== follower.subscribed
            ? { subscribed, ...(subscribed && info.subscribe_time ? { subscribedAt: new Date(info.subscribe_time * 1000) } : {}) }
            : {}),
        },
        { transaction: t },
      );
      const user = unionid ? await User.findOne({ where: { unionid, kind: 'applicant' }, transaction: t }) : null;
      if (user && unionid) {
        await linkFollowersByUnionid(user.id, unionid, t);
      }
    });
  } catch (error) {
    logger.warn({ err: error }, 'wechat follower lookup failed');
  }
}

function pushHandler(appId: string, logger: Logger) {
  return function wechatPushHandler(req: wechat.Request, res: wechat.Response, next: wechat.Next): void {
    const message = readMessage(req.weixin);
    const nonceKey = `${String(req.query.timestamp)}:${String(req.query.nonce)}`;
    handleMessage(appId, message, nonceKey).then((reply) => {
      if (reply.kind === 'duplicate') {
        // 200 with an empty body: anything else makes WeChat retry and show the user an error.
        logger.info({ msgType: message.MsgType, event: message.Event }, 'wechat push delivered again; already handled');
        res.reply('');
        return;
      }
      res.reply(reply.kind === 'text' ? reply.text : '');
      if (message.MsgType === 'event' && message.Event === 'subscribe' && message.FromUserName) {
        const openid = message.FromUserName;
        runInBackground(() => refreshFollower(appId, openid, logger));
      }
    }, next);
  };
}

/** Reads the request body (bounded) for the wechat package, which takes it from `req.rawBody`. */
async function readBody(req: NodeJS.ReadableStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      return null;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * GET/POST /wechat/push — the official account's message push (服务器配置): URL verification,
 * signature check, plain and AES safe mode by the `wechat` package (connect-style), run under Koa by
 * handing it the raw request and response. Before it: the timestamp window, the `signature` WeChat
 * sends in every mode (so that nothing unsigned reaches an XML parser — the package parses an
 * encrypted envelope before checking its `msg_signature`), a bounded body with an `<xml>` root, and
 * our own cryptor, which checks the app id inside each encrypted push.
 */
export function wechatPush(config: Config['wechat']['officialAccount']): Middleware<AppState> {
  const connect = config.token
    ? wechat(
        { token: config.token, appid: config.appId, encodingAESKey: config.encodingAESKey || undefined },
        pushHandler(config.appId, services().logger),
      )
    : null;
  const cryptor = config.token && config.encodingAESKey ? new PushCryptor(config.token, config.encodingAESKey, config.appId) : null;
  return async function wechatPushMiddleware(ctx) {
    if (!connect) {
      ctx.status = 404;
      ctx.body = 'Not configured';
      return;
    }
    const timestamp = Number(ctx.query.timestamp);
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > PUSH_WINDOW_SECONDS) {
      ctx.status = 401;
      ctx.body = 'Invalid timestamp';
      return;
    }
    const signature = pushSignature([config.token, String(ctx.query.timestamp), String(ctx.query.nonce ?? '')]);
    if (!signatureMatches(signature, ctx.query.signature)) {
      ctx.status = 401;
      ctx.body = 'Invalid signature';
      return;
    }
    const req = ctx.req as wechat.Request & { cryptor?: PushCryptor };
    req.query = { ...ctx.query };
    if (cryptor) {
      req.cryptor = cryptor;
    }
    if (ctx.method === 'POST') {
      if (ctx.is('json')) {
        ctx.status = 415;
        ctx.body = 'XML expected';
        return;
      }
      const body = await readBody(ctx.req);
      if (body === null) {
        ctx.status = 413;
        ctx.body = 'Too large';
        return;
      }
      if (!XML_ROOT.test(body.toString('utf8'))) {
        ctx.status = 400;
        ctx.body = 'Bad message';
        return;
      }
      // The package reads `rawBody` when present instead of the (already consumed) stream.
      Object.defineProperty(req, 'rawBody', { value: body, configurable: true });
    }
    ctx.respond = false;
    try {
      await new Promise<void>((resolve, reject) => {
        const res: ServerResponse = ctx.res;
        res.once('finish', () => resolve());
        res.once('close', () => resolve());
        connect(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
      });
    } catch (error) {
      ctx.respond = true;
      if (ctx.res.headersSent) {
        throw error;
      }
      const name = (error as { name?: string } | null)?.name ?? '';
      ctx.state.log.warn({ err: error }, 'wechat push refused');
      ctx.status = name.startsWith('BadMessage') || name === 'Wechat' ? 400 : 500;
      ctx.body = ctx.status === 400 ? 'Bad message' : 'Error';
    }
  };
}
