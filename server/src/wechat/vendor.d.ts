// Types for the two untyped WeChat packages, covering only what we call.

declare module 'wechat-api' {
  namespace WechatAPI {
    /** The token shape wechat-api keeps and hands to getToken/saveToken. */
    interface StoredToken {
      accessToken: string;
      expireTime: number;
    }
    interface ApiError extends Error {
      code?: number | string;
    }
    type Callback<T> = (err: ApiError | null, result?: T) => void;
    type RequestCallback = (err: ApiError | null, data: unknown, res: unknown) => void;
    interface TemplateDestination {
      url?: string;
      miniprogram?: { appid: string; pagepath: string };
    }
    type TemplateData = Record<string, { value: string; color?: string }>;
    interface MenuButton {
      type?: 'view' | 'click' | 'miniprogram';
      name: string;
      url?: string;
      key?: string;
      appid?: string;
      pagepath?: string;
      sub_button?: MenuButton[];
    }
    interface UserInfo {
      subscribe: number;
      openid: string;
      unionid?: string;
      subscribe_time?: number;
    }
  }

  class WechatAPI {
    constructor(
      appId: string,
      appSecret: string,
      getToken?: (callback: WechatAPI.Callback<WechatAPI.StoredToken | null>) => void,
      saveToken?: (token: WechatAPI.StoredToken, callback: (err: Error | null) => void) => void,
    );
    /** Base URL of every call; the only way to aim the package at a stub (setEndpoint forces https). */
    endpoint: string;
    setOpts(opts: { timeout?: number }): void;
    request(url: string, opts: unknown, callback: WechatAPI.RequestCallback): void;
    sendTemplate(
      openid: string,
      templateId: string,
      dest: WechatAPI.TemplateDestination,
      data: WechatAPI.TemplateData,
      callback: WechatAPI.Callback<{ errcode: number; errmsg: string; msgid?: number | string }>,
    ): void;
    createMenu(menu: { button: WechatAPI.MenuButton[] }, callback: WechatAPI.Callback<{ errcode: number; errmsg: string }>): void;
    getUser(options: { openid: string; lang: string }, callback: WechatAPI.Callback<WechatAPI.UserInfo>): void;
  }

  export = WechatAPI;
}

declare module 'wechat' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  namespace wechat {
    /** A push message as the package parses it: XML element names as keys. */
    type Message = Record<string, string | undefined>;
    type Request = IncomingMessage & { query: Record<string, unknown>; weixin?: Message };
    type Response = ServerResponse & { reply(content: string): void };
    type Next = (err?: unknown) => void;
    interface Config {
      token: string;
      appid: string;
      encodingAESKey?: string;
      checkSignature?: boolean;
    }
  }

  function wechat(
    config: string | wechat.Config,
    handler: (req: wechat.Request, res: wechat.Response, next: wechat.Next) => void,
  ): (req: wechat.Request, res: ServerResponse, next: wechat.Next) => void;

  export = wechat;
}
