import type { WechatWorld } from './support';

/** What a browser sees at the end of the menu's web login. */
export interface WebLoginEnd {
  status: number;
  /** Where we sent the browser (relative to our server), when we redirected it. */
  location: URL | null;
  /** The page we showed instead, when we did not redirect. */
  html: string;
  setCookie: string | null;
}

/**
 * A browser with a cookie jar of one cookie name per host path, enough to walk the web login:
 * our start URL → WeChat's authorize page (the stub) → our callback. Addresses under PUBLIC_URL
 * are fetched from the test server instead.
 */
export class WechatBrowser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly world: WechatWorld) {}

  /** The cookie this browser holds under `name` (undefined when it holds none). */
  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  private local(url: string): string {
    const publicUrl = this.world.server.config.publicUrl.replace(/\/$/, '');
    return url.startsWith(publicUrl) ? `${this.world.server.url}${url.slice(publicUrl.length)}` : url;
  }

  /** One GET without following redirects; cookies sent to and taken from our own server only. */
  async get(url: string): Promise<Response> {
    const target = this.local(url);
    const ours = target.startsWith(this.world.server.url);
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(target, { redirect: 'manual', headers: ours && cookie ? { cookie } : {} });
    if (ours) {
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const [name = '', value = ''] = pair.split('=');
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') {
          this.jar.delete(name.trim());
        } else {
          this.jar.set(name.trim(), value.trim());
        }
      }
    }
    return res;
  }

  /** The start address the H5 page (or the menu) sends a WeChat browser to for `page`. */
  async startUrl(page: string): Promise<string> {
    const res = await this.world.api.get<{ data: { url: string } }>(`/api/wechat/oauth/url?redirect=${encodeURIComponent(page)}`);
    if (res.status !== 200) {
      throw new Error(`oauth/url → ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body.data.url;
  }

  /**
   * Start → WeChat: follows redirects up to the callback address WeChat sends the browser to, and
   * resolves it (not yet opened) with the first reply.
   */
  async throughWechat(page: string): Promise<{ start: Response; callback: string }> {
    let url = await this.startUrl(page);
    let start: Response | null = null;
    for (let hop = 0; hop < 5; hop++) {
      const res = await this.get(url);
      start ??= res;
      const next = res.headers.get('location');
      if (res.status !== 302 || !next) {
        throw new Error(`${url} → ${res.status} ${await res.text()}`);
      }
      if (new URL(next, this.world.server.url).pathname === '/api/wechat/oauth/callback') {
        return { start, callback: next };
      }
      url = next;
    }
    throw new Error('too many redirects');
  }

  /** Opens a callback address (ours) and says what came back. */
  async open(url: string): Promise<WebLoginEnd> {
    const res = await this.get(url);
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, this.world.server.url) : null,
      html: location ? '' : await res.text(),
      setCookie: res.headers.get('set-cookie'),
    };
  }

  /** The whole web login for `page`, as a WeChat browser walks it. */
  async login(page: string): Promise<WebLoginEnd> {
    const { callback } = await this.throughWechat(page);
    return this.open(callback);
  }
}

/** The one-time ticket in the fragment we send the browser back with ('' when there is none). */
export function ticketOf(end: WebLoginEnd): string {
  return /^#wx_ticket=([A-Za-z0-9_-]+)$/.exec(end.location?.hash ?? '')?.[1] ?? '';
}
