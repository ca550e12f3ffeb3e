import Router from '@koa/router';
import type { Context } from 'koa';
import type { WechatLoginReplyView, WechatStatusView } from '@wc/shared';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { rateLimit } from '../../middlewares/rateLimit';
import { validate } from '../../middlewares/validate';
import { presentUser } from '../../presenters/user';
import { services } from '../../services';
import { miniProgram, officialAccount } from '../../wechat/apps';
import {
  bindMiniProgram,
  bindPhone,
  exchangeTicket,
  miniProgramLogin,
  oauthLogin,
  oauthStart,
  oauthUrl,
  recordConsent,
  recordSubscriptions,
  SnapshotVisitorError,
  subscriptionsOf,
  type WechatTokenReply,
} from '../../wechat/login';
import { checkOauthState, OAUTH_COOKIE, OAUTH_COOKIE_PATH } from '../../wechat/oauthState';
import { snapshotPage, staleLoginPage } from './oauthPages';
import {
  codeSchema,
  consentSchema,
  h5Path,
  mpLoginSchema,
  oauthCallbackSchema,
  oauthUrlSchema,
  subscriptionsSchema,
  ticketSchema,
  type CodeInput,
  type MpLoginInput,
  type OauthCallbackInput,
  type OauthUrlInput,
  type SubscriptionsInput,
  type TicketInput,
} from './schema';

const router = new Router<AppState>({ prefix: '/wechat' });

function tokenReply(issued: WechatTokenReply): { data: WechatLoginReplyView } {
  return {
    data: {
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      user: presentUser(issued.user),
      isNew: issued.isNew,
      privacyAgreed: issued.privacyAgreed,
    },
  };
}

/** GET /api/wechat/status — which WeChat features are on (clients hide the rest). */
router.get('/status', async (ctx) => {
  const { templates } = services().config.wechat;
  const data: WechatStatusView = {
    miniProgramLogin: miniProgram() !== null,
    officialAccountLogin: officialAccount() !== null,
    subscribeTemplateIds: miniProgram() && templates.subscribe.id ? [templates.subscribe.id] : [],
  };
  ctx.body = { data };
});

/** POST /api/wechat/mp-login — `wx.login` code → login token (creates or finds the applicant). */
router.post(
  '/mp-login',
  rateLimit({ key: 'wechat-login', points: 60, windowSeconds: 60 }),
  validate({ body: mpLoginSchema }),
  async (ctx: AuthedContext<{ body: MpLoginInput }>) => {
    const { code, agreedPrivacy } = ctx.state.input.body;
    ctx.body = tokenReply(await miniProgramLogin(code, agreedPrivacy === true));
  },
);

/** POST /api/wechat/mp-bind — link the logged-in applicant to their WeChat (`wx.login` code). */
router.post(
  '/mp-bind',
  rateLimit({ key: 'wechat-bind', points: 20, windowSeconds: 60 }),
  authenticated('applicant'),
  validate({ body: codeSchema }),
  async (ctx: AuthedContext<{ body: CodeInput }>) => {
    ctx.body = { data: presentUser(await bindMiniProgram(ctx.state.user.id, ctx.state.input.body.code)) };
  },
);

/** POST /api/wechat/bind-phone — `getPhoneNumber` code → the applicant's phone. */
router.post(
  '/bind-phone',
  rateLimit({ key: 'wechat-phone', points: 20, windowSeconds: 60 }),
  authenticated('applicant'),
  validate({ body: codeSchema }),
  async (ctx: AuthedContext<{ body: CodeInput }>) => {
    ctx.body = { data: presentUser(await bindPhone(ctx.state.user.id, ctx.state.input.body.code)) };
  },
);

/** POST /api/wechat/consent — the applicant accepts the privacy policy. */
router.post('/consent', authenticated('applicant'), validate({ body: consentSchema }), async (ctx: AuthedContext) => {
  const user = await recordConsent(ctx.state.user.id);
  ctx.body = { data: { user: presentUser(user), privacyAgreed: user.privacyAgreedAt !== null } };
});

/** POST /api/wechat/subscriptions — one-time subscribe-message answers from `wx.requestSubscribeMessage`. */
router.post(
  '/subscriptions',
  authenticated('applicant'),
  validate({ body: subscriptionsSchema }),
  async (ctx: AuthedContext<{ body: SubscriptionsInput }>) => {
    ctx.body = { data: await recordSubscriptions(ctx.state.user.id, ctx.state.input.body) };
  },
);

/** GET /api/wechat/subscriptions — what may still be sent to me, per template. */
router.get('/subscriptions', authenticated('applicant'), async (ctx: AuthedContext) => {
  ctx.body = { data: await subscriptionsOf(ctx.state.user.id) };
});

/** GET /api/wechat/oauth/url?redirect=/h5/… — where an H5 page sends a WeChat browser to log in. */
router.get('/oauth/url', validate({ query: oauthUrlSchema }), async (ctx: AuthedContext<{ query: OauthUrlInput }>) => {
  ctx.body = { data: { url: oauthUrl(ctx.state.input.query.redirect) } };
});

const DEFAULT_PAGE = '/h5/pages/applications/index';
const isH5Path = (path: string) => h5Path.safeParse(path).success;

/** Sets (or, with null, clears) the cookie that binds the login's nonce to this browser. */
function setStateCookie(ctx: Pick<Context, 'cookies' | 'secure'>, cookie: { value: string; maxAgeMs: number } | null): void {
  ctx.cookies.set(OAUTH_COOKIE, cookie?.value ?? null, {
    path: OAUTH_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    overwrite: true,
    ...(cookie ? { maxAge: cookie.maxAgeMs } : {}),
  });
}

/**
 * GET /api/wechat/oauth/start?redirect=/h5/… — the menu's entries and the H5 login button open this:
 * it gives the browser the state cookie and sends it on to WeChat's authorize page (snsapi_base).
 */
router.get('/oauth/start', validate({ query: oauthUrlSchema }), async (ctx: AuthedContext<{ query: OauthUrlInput }>) => {
  const { authorizeUrl, cookie } = oauthStart(ctx.state.input.query.redirect);
  setStateCookie(ctx, cookie);
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(authorizeUrl);
});

/**
 * GET /api/wechat/oauth/callback — WeChat sends the browser here with `code` and `state`. Only the
 * browser that started the login gets in: its cookie must hold the same nonce, signed and unexpired
 * (else a page saying so, and WeChat is not even asked). We log the user in and send the browser
 * back to its page with a one-time ticket in the URL fragment: a fragment never reaches a server
 * (nor its logs, nor a Referer), and the ticket dies on first use or after two minutes. Failures go
 * back to the page as `#wx_error=…`; a snapshot-page visitor gets a page asking for the full page.
 */
router.get('/oauth/callback', validate({ query: oauthCallbackSchema }), async (ctx: AuthedContext<{ query: OauthCallbackInput }>) => {
  const { code, state } = ctx.state.input.query;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  const check = checkOauthState(ctx.cookies.get(OAUTH_COOKIE), state, services().config.cookieSecret);
  setStateCookie(ctx, null);
  if (!check.ok) {
    ctx.state.log.warn({ reason: check.reason }, 'wechat web login refused: state not bound to this browser');
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = staleLoginPage(`/api/wechat/oauth/start?redirect=${encodeURIComponent(DEFAULT_PAGE)}`);
    return;
  }
  const page = isH5Path(check.path) ? check.path : DEFAULT_PAGE;
  if (!code) {
    // The user declined (snsapi_base never asks, but a tampered link may come without a code).
    ctx.redirect(`${page}#wx_error=DENIED`);
    return;
  }
  try {
    const { ticket } = await oauthLogin(code, ctx.state.log);
    ctx.redirect(`${page}#wx_ticket=${ticket}`);
  } catch (error) {
    if (error instanceof SnapshotVisitorError) {
      ctx.type = 'html';
      ctx.body = snapshotPage();
      return;
    }
    const codeName = (error as { code?: unknown }).code;
    ctx.redirect(`${page}#wx_error=${typeof codeName === 'string' ? codeName : 'WECHAT_ERROR'}`);
  }
});

/** POST /api/wechat/oauth/exchange — the H5 page trades its one-time ticket for a login token. */
router.post(
  '/oauth/exchange',
  rateLimit({ key: 'wechat-ticket', points: 30, windowSeconds: 60 }),
  validate({ body: ticketSchema }),
  async (ctx: AuthedContext<{ body: TicketInput }>) => {
    ctx.body = tokenReply(await exchangeTicket(ctx.state.input.body.ticket));
  },
);

export default router;
