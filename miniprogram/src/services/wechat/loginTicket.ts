import { showError } from '../request';
import { exchangeTicket } from './index';

let pending: Promise<void> | null = null;

/**
 * After WeChat's web login the server sends the browser back to the H5 page with a one-time
 * ticket in the URL fragment (`#wx_ticket=…`, or `#wx_error=…`). Trades it for a session and
 * takes it out of the address bar, so it is neither bookmarked nor shared.
 */
export function consumeLoginTicket(): void {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const ticket = params.get('wx_ticket');
  const error = params.get('wx_error');
  if (!ticket && !error) {
    return;
  }
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  if (!ticket) {
    showError('微信登录没有成功，请使用账号密码登录');
    return;
  }
  pending = exchangeTicket(ticket)
    .then(() => undefined)
    .catch(() => showError('微信登录已失效，请重新登录'))
    .finally(() => {
      pending = null;
    });
}

/** Resolves once a WeChat login in progress has finished (at once when there is none). */
export function loginSettled(): Promise<void> {
  return pending ?? Promise.resolve();
}
