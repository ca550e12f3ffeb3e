import type WechatAPI from 'wechat-api';
import { oauthUrl } from './login';

/** The pages the menu opens; the mini program's app config keeps these paths stable. */
export const MENU_PAGES = {
  apply: '/h5/pages/apply/index',
  applications: '/h5/pages/applications/index',
} as const;

/**
 * The official account's menu: 综合服务 → 用户报装 (new application) / 用户报装查询 (my applications).
 * Each entry goes through web authorization (snsapi_base) first, so the page opens logged in.
 */
export function officialAccountMenu(): { button: WechatAPI.MenuButton[] } {
  return {
    button: [
      {
        name: '综合服务',
        sub_button: [
          { type: 'view', name: '用户报装', url: oauthUrl(MENU_PAGES.apply) },
          { type: 'view', name: '用户报装查询', url: oauthUrl(MENU_PAGES.applications) },
        ],
      },
    ],
  };
}
