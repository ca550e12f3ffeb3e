/**
 * The official account's menu as WeChat keeps it, for the stub (自定义菜单). Written from the
 * documentation: 创建接口 (cgi-bin/menu/create) and 查询接口 getCurrentSelfmenuInfo
 * (cgi-bin/get_current_selfmenu_info).
 */

/** A button as menu/create takes it. */
export interface ApiMenuButton {
  type?: string;
  name?: string;
  url?: string;
  key?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button?: ApiMenuButton[];
}

/**
 * A button as get_current_selfmenu_info reports it: sub-buttons under `sub_button.list`; a menu made
 * in the console (公众平台官网) has types menu/create does not know — `text` (the text in `value`),
 * `img`/`voice`/`video`/`news` (a media id in `value`) — besides `view` with its `url`.
 */
export interface SelfMenuButton {
  type?: string;
  name: string;
  url?: string;
  key?: string;
  value?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: { list: SelfMenuButton[] };
}

const bytes = (s: string | undefined) => Buffer.byteLength(s ?? '', 'utf8');

/**
 * 创建接口's limits, with the error codes WeChat answers: 1–3 buttons (40016) whose names are at most
 * 16 bytes (40018), 1–5 sub-buttons (40023) of at most 60 bytes (40025), urls at most 1,024 bytes
 * (40020 / 40027), and a `view` needs its url, a `miniprogram` its appid, pagepath and fallback url.
 */
export function menuProblem(menu: unknown): { errcode: number; errmsg: string } | null {
  const buttons = (menu as { button?: unknown } | null)?.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    return { errcode: 40016, errmsg: 'invalid button size' };
  }
  for (const button of buttons as ApiMenuButton[]) {
    if (!button.name || bytes(button.name) > 16) {
      return { errcode: 40018, errmsg: 'invalid button name size' };
    }
    if (button.sub_button && button.sub_button.length > 0) {
      if (button.sub_button.length > 5) {
        return { errcode: 40023, errmsg: 'invalid sub button size' };
      }
      for (const sub of button.sub_button) {
        if (!sub.name || bytes(sub.name) > 60) {
          return { errcode: 40025, errmsg: 'invalid sub button name size' };
        }
        const problem = actionProblem(sub, 40027);
        if (problem) {
          return problem;
        }
      }
    } else {
      const problem = actionProblem(button, 40020);
      if (problem) {
        return problem;
      }
    }
  }
  return null;
}

function actionProblem(button: ApiMenuButton, urlCode: number): { errcode: number; errmsg: string } | null {
  if (button.type === 'view' && (!button.url || bytes(button.url) > 1024)) {
    return { errcode: urlCode, errmsg: 'invalid button url size' };
  }
  if (button.type === 'miniprogram' && (!button.appid || !button.pagepath || !button.url)) {
    return { errcode: 40027, errmsg: 'invalid miniprogram button: appid, pagepath and url are required' };
  }
  if (!button.type) {
    return { errcode: 40017, errmsg: 'invalid button type' };
  }
  return null;
}

/** menu/create's shape → how get_current_selfmenu_info reports a menu set through the API. */
export function toSelfMenu(button: ApiMenuButton): SelfMenuButton {
  const { sub_button: subs, name, ...action } = button;
  return subs && subs.length > 0 ? { name: name ?? '', sub_button: { list: subs.map(toSelfMenu) } } : { ...action, name: name ?? '' };
}
