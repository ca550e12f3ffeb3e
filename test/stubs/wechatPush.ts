import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat's side of the official account's message push, written from WeChat's documentation
 * (消息加解密说明) rather than taken from the `wechat` package the server uses: signatures, AES
 * safe-mode envelopes, and event XML.
 */

export interface PushAccount {
  appId: string;
  token: string;
  /** 43 characters; empty for plain mode. */
  encodingAESKey: string;
}

export const sha1 = (parts: string[]) =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');

function aesKey(encodingAESKey: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) {
    throw new Error('EncodingAESKey must decode to 32 bytes');
  }
  return key;
}

/** AES-256-CBC over random(16) + length(4, big-endian) + message + appId, PKCS#7 padded to 32 bytes. */
export function encryptMessage(account: PushAccount, xml: string): string {
  const key = aesKey(account.encodingAESKey);
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(account.appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export function decryptMessage(account: PushAccount, encrypted: string): { xml: string; appId: string } {
  const key = aesKey(account.encodingAESKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(encrypted, 'base64'), decipher.final()]);
  const pad = plain[plain.length - 1] ?? 0;
  const content = plain.subarray(16, plain.length - pad);
  const length = content.readUInt32BE(0);
  return { xml: content.subarray(4, 4 + length).toString('utf8'), appId: content.subarray(4 + length).toString('utf8') };
}

const cdata = (v: string) => `<![CDATA[${v}]]>`;

/** An event push as WeChat sends it (subscribe, unsubscribe, …) from `openid` to the account. */
export function eventXml(fields: {
  toUser: string;
  openid: string;
  event: string;
  createTime?: number;
  extra?: Record<string, string>;
}): string {
  const extra = Object.entries(fields.extra ?? {})
    .map(([k, v]) => `<${k}>${cdata(v)}</${k}>`)
    .join('');
  return (
    `<xml><ToUserName>${cdata(fields.toUser)}</ToUserName><FromUserName>${cdata(fields.openid)}</FromUserName>` +
    `<CreateTime>${fields.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata('event')}</MsgType>` +
    `<Event>${cdata(fields.event)}</Event>${extra}</xml>`
  );
}

let msgSeq = 0;

/**
 * A text message as WeChat pushes it (消息管理 › 接收普通消息): each carries a 64-bit `MsgId`, the
 * same in every retry of that message — the key WeChat tells developers to de-duplicate by.
 */
export function textXml(fields: { toUser: string; openid: string; content: string; msgId?: string; createTime?: number }): string {
  const msgId = fields.msgId ?? `${Date.now()}${String(++msgSeq % 1000).padStart(3, '0')}${Math.floor(Math.random() * 1000)}`;
  return (
    `<xml><ToUserName>${cdata(fields.toUser)}</ToUserName><FromUserName>${cdata(fields.openid)}</FromUserName>` +
    `<CreateTime>${fields.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(fields.content)}</Content><MsgId>${msgId}</MsgId></xml>`
  );
}

export interface SignedPush {
  query: string;
  body: string;
}

/** Signs (and in safe mode encrypts) a push: the query string and body WeChat would POST. */
export function signPush(
  account: PushAccount,
  xml: string,
  options: { mode: 'plain' | 'aes'; timestamp?: number; nonce?: string; openid?: string },
): SignedPush {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(Math.floor(Math.random() * 1e10));
  const signature = sha1([account.token, timestamp, nonce]);
  const params = new URLSearchParams({ signature, timestamp, nonce });
  if (options.openid) {
    params.set('openid', options.openid);
  }
  if (options.mode === 'plain') {
    return { query: params.toString(), body: xml };
  }
  const encrypt = encryptMessage(account, xml);
  params.set('encrypt_type', 'aes');
  params.set('msg_signature', sha1([account.token, timestamp, nonce, encrypt]));
  return {
    query: params.toString(),
    body: `<xml><ToUserName>${cdata(account.appId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`,
  };
}

/** POSTs a signed push to the server's push URL; resolves the status and the (decrypted) reply. */
export async function sendPush(
  pushUrl: string,
  account: PushAccount,
  xml: string,
  options: { mode: 'plain' | 'aes'; timestamp?: number; nonce?: string; tamper?: boolean },
): Promise<{ status: number; reply: string }> {
  const signed = signPush(account, xml, options);
  const query = options.tamper
    ? signed.query.replace(/signature=([0-9a-f])/g, (_m, c: string) => `signature=${c === 'a' ? 'b' : 'a'}`)
    : signed.query;
  const res = await fetch(`${pushUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: signed.body });
  const text = await res.text();
  const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(text)?.[1];
  return { status: res.status, reply: encrypted ? decryptMessage(account, encrypted).xml : text };
}

/**
 * POSTs `body` as it is, with a query string signed (or not) by the caller: for what WeChat would
 * never send — bodies crafted by someone who knows the push URL but not the token.
 */
export async function postRaw(pushUrl: string, query: string, body: string): Promise<{ status: number; reply: string }> {
  const res = await fetch(`${pushUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, reply: await res.text() };
}

/** GET URL verification (服务器配置 → 提交): WeChat expects `echostr` back. */
export async function verifyUrl(pushUrl: string, account: PushAccount, options: { tamper?: boolean; timestamp?: number } = {}) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e10));
  const echostr = `echo${randomBytes(6).toString('hex')}`;
  const signature = options.tamper ? '0'.repeat(40) : sha1([account.token, timestamp, nonce]);
  const res = await fetch(`${pushUrl}?${new URLSearchParams({ signature, timestamp, nonce, echostr }).toString()}`);
  return { status: res.status, body: await res.text(), echostr };
}
