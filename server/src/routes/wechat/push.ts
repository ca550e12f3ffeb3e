import Router from '@koa/router';
import type { AppState } from '../../context';
import { services } from '../../services';
import { wechatPush } from '../../wechat/push';

/**
 * GET/POST /wechat/push — the official account's server URL (服务器配置). Outside /api: WeChat calls
 * it with XML, not our JSON contract.
 */
export function wechatPushRouter(): Router<AppState> {
  const router = new Router<AppState>();
  const push = wechatPush(services().config.wechat.officialAccount);
  router.get('/wechat/push', push);
  router.post('/wechat/push', push);
  return router;
}
