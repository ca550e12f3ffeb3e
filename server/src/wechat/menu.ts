import type WechatAPI from 'wechat-api';
import { services } from '../services';
import { isTokenError, wechatCall } from './client';
import { oauthUrl } from './login';
import type { OfficialAccount } from './officialAccount';

/** The pages the menu opens; the mini program's app config keeps these paths stable. */
export const MENU_PAGES = {
  apply: '/h5/pages/apply/index',
  applications: '/h5/pages/applications/index',
} as const;

type MenuButton = WechatAPI.MenuButton;

/**
 * Our part of the official account's menu: 综合服务 → 用户报装 (new application) / 用户报装查询 (my
 * applications). Each entry goes through web authorization (snsapi_base) first, so the page opens
 * logged in.
 */
export function officialAccountMenu(): { button: MenuButton[] } {
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

/** A button as 查询自定义菜单信息 (get_current_selfmenu_info) reports it. */
export interface CurrentMenuButton {
  type?: string;
  name?: string;
  url?: string;
  key?: string;
  value?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: { list?: CurrentMenuButton[] };
}

/**
 * The menu in use, however it was made: 自定义菜单 › 查询接口 (getCurrentSelfmenuInfo) returns the
 * console's menu as well as one set through the API; `menu/get` would only see the latter.
 */
export async function readCurrentMenu(account: OfficialAccount): Promise<CurrentMenuButton[]> {
  const { apiBase } = services().config.wechat;
  const read = async (token: string) =>
    wechatCall<{ is_menu_open?: number; selfmenu_info?: { button?: CurrentMenuButton[] } }>(apiBase, 'cgi-bin/get_current_selfmenu_info', {
      query: { access_token: token },
    });
  const token = await account.tokens.get();
  let reply;
  try {
    reply = await read(token);
  } catch (error) {
    if (!isTokenError(error)) {
      throw error;
    }
    await account.tokens.invalidate(token);
    reply = await read(await account.tokens.get());
  }
  return reply.is_menu_open === 1 ? (reply.selfmenu_info?.button ?? []) : [];
}

/** Console-only button types (公众平台官网): menu/create cannot express them. */
const CONSOLE_TYPES: Record<string, string> = { text: '文字消息', img: '图片', voice: '语音', video: '视频', news: '图文消息' };

/** 创建接口's limits: 1–3 buttons of ≤ 16 bytes, 1–5 sub-buttons of ≤ 60 bytes, urls ≤ 1,024 bytes. */
const LIMITS = { buttons: 3, subButtons: 5, nameBytes: 16, subNameBytes: 60, urlBytes: 1024 };
const bytes = (s: string | undefined) => Buffer.byteLength(s ?? '', 'utf8');

/** One current button as menu/create takes it, or why it cannot be carried over. */
function toCreateButton(button: CurrentMenuButton, path: string): { button: MenuButton } | { problem: string } {
  const name = button.name ?? '';
  const type = button.type ?? '';
  if (type === 'view' && button.url) {
    return { button: { type: 'view', name, url: button.url } };
  }
  if (type === 'miniprogram' && button.appid && button.pagepath) {
    return { button: { type: 'miniprogram', name, appid: button.appid, pagepath: button.pagepath, url: button.url ?? '' } };
  }
  if (type === 'click' && button.key) {
    return { button: { type: 'click', name, key: button.key } };
  }
  const kind = CONSOLE_TYPES[type];
  const what = kind ? `是在公众平台网页上设置的「${kind}」菜单` : `的类型 ${type || '（未知）'} 本工具不会原样保留`;
  return { problem: `「${path}」${what}，接口无法保留它：请先在公众平台把它改成「跳转网页」或删除，或加 --replace 放弃现有菜单。` };
}

/** The current menu as menu/create takes it, with what cannot be carried over. */
function currentAsCreate(current: CurrentMenuButton[]): { buttons: MenuButton[]; problems: string[] } {
  const problems: string[] = [];
  const buttons: MenuButton[] = [];
  for (const top of current) {
    const subs = top.sub_button?.list ?? [];
    if (subs.length > 0 || !top.type) {
      const converted: MenuButton[] = [];
      for (const sub of subs) {
        const result = toCreateButton(sub, `${top.name ?? ''} › ${sub.name ?? ''}`);
        if ('problem' in result) {
          problems.push(result.problem);
        } else {
          converted.push(result.button);
        }
      }
      buttons.push({ name: top.name ?? '', sub_button: converted });
    } else {
      const result = toCreateButton(top, top.name ?? '');
      if ('problem' in result) {
        problems.push(result.problem);
      } else {
        buttons.push(result.button);
      }
    }
  }
  return { buttons, problems };
}

/** What does not fit 创建接口's limits, in Chinese. */
function limitProblems(buttons: MenuButton[]): string[] {
  const problems: string[] = [];
  if (buttons.length > LIMITS.buttons) {
    problems.push(
      `菜单已有 ${buttons.length - 1} 个一级菜单（${buttons
        .slice(0, -1)
        .map((b) => `「${b.name}」`)
        .join(
          '',
        )}），微信最多允许 ${LIMITS.buttons} 个，放不下「${buttons[buttons.length - 1]?.name ?? ''}」：请先在公众平台删去或合并一个一级菜单，或加 --replace 放弃现有菜单。`,
    );
  }
  for (const top of buttons) {
    if (bytes(top.name) > LIMITS.nameBytes) {
      problems.push(`一级菜单「${top.name}」超过 ${LIMITS.nameBytes} 字节（约 ${LIMITS.nameBytes / 4} 个汉字）。`);
    }
    const subs = top.sub_button ?? [];
    if (subs.length > LIMITS.subButtons) {
      problems.push(
        `「${top.name}」下将有 ${subs.length} 个子菜单，微信最多允许 ${LIMITS.subButtons} 个：请先在公众平台删去 ${subs.length - LIMITS.subButtons} 个，或加 --replace 放弃现有菜单。`,
      );
    }
    for (const sub of subs) {
      if (bytes(sub.name) > LIMITS.subNameBytes) {
        problems.push(`子菜单「${top.name} › ${sub.name}」超过 ${LIMITS.subNameBytes} 字节。`);
      }
    }
    for (const b of subs.length > 0 ? subs : [top]) {
      if (bytes(b.url) > LIMITS.urlBytes) {
        problems.push(`「${b.name}」的链接超过 ${LIMITS.urlBytes} 字节（PUBLIC_URL 太长？）。`);
      }
    }
  }
  return problems;
}

export interface MenuPlan {
  /** The menu to post to menu/create. */
  menu: { button: MenuButton[] };
  /** Why it cannot be posted without losing or breaking something (Chinese); empty when it can. */
  problems: string[];
  /** One line per entry added (+), changed (~) or removed (-), in Chinese. */
  changes: string[];
}

/** Each leaf as `上级 › 名称` with what it does, for comparing two menus. */
function leaves(buttons: MenuButton[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const top of buttons) {
    const subs = top.sub_button ?? [];
    for (const b of subs.length > 0 ? subs : [top]) {
      const path = b === top ? (top.name ?? '') : `${top.name ?? ''} › ${b.name ?? ''}`;
      map.set(path, describeAction(b));
    }
  }
  return map;
}

function describeAction(b: MenuButton | CurrentMenuButton): string {
  const type = b.type ?? '';
  if (type === 'view') {
    return `打开网页 ${b.url ?? ''}`;
  }
  if (type === 'miniprogram') {
    return `打开小程序 ${b.appid ?? ''} ${b.pagepath ?? ''}`;
  }
  if ('value' in b && b.value !== undefined) {
    return `${CONSOLE_TYPES[type] ?? type}`;
  }
  return `${type} ${b.key ?? ''}`.trim();
}

function diff(before: MenuButton[], after: MenuButton[], lost: CurrentMenuButton[]): string[] {
  const old = leaves(before);
  const next = leaves(after);
  const lines: string[] = [];
  for (const [path, action] of next) {
    const was = old.get(path);
    if (was === undefined) {
      lines.push(`+ ${path}：${action}`);
    } else if (was !== action) {
      lines.push(`~ ${path}：${was} → ${action}`);
    }
  }
  for (const [path, action] of old) {
    if (!next.has(path)) {
      lines.push(`- ${path}：${action}`);
    }
  }
  for (const b of lost) {
    lines.push(`- ${b.name ?? ''}：${describeAction(b)}`);
  }
  return lines;
}

/** Leaves that cannot be carried over: they never make it into `currentAsCreate`'s buttons but still disappear. */
function notCarried(current: CurrentMenuButton[]): CurrentMenuButton[] {
  const found: CurrentMenuButton[] = [];
  for (const top of current) {
    const subs = top.sub_button?.list ?? [];
    for (const b of subs.length > 0 ? subs : [top]) {
      if ('problem' in toCreateButton(b, '')) {
        found.push({ ...b, name: b === top ? b.name : `${top.name ?? ''} › ${b.name ?? ''}` });
      }
    }
  }
  return found;
}

/**
 * The menu to post: the current one with our 综合服务 → 用户报装 / 用户报装查询 merged in (a
 * 综合服务 already there keeps its other entries; ours replace same-named ones), or — `replace` —
 * ours alone. menu/create replaces the whole menu, so everything not carried over is lost: the plan
 * says what, and lists in Chinese what keeps it from being posted.
 */
export function planMenu(current: CurrentMenuButton[], options: { replace: boolean }): MenuPlan {
  const ours = officialAccountMenu().button;
  const { buttons: before, problems: carry } = currentAsCreate(current);
  if (options.replace) {
    return { menu: { button: ours }, problems: limitProblems(ours), changes: diff(before, ours, notCarried(current)) };
  }
  const problems = [...carry];
  const merged: MenuButton[] = before.map((b) => ({ ...b, ...(b.sub_button ? { sub_button: [...b.sub_button] } : {}) }));
  for (const ourTop of ours) {
    const existing = merged.find((b) => b.name === ourTop.name);
    if (!existing) {
      merged.push(ourTop);
      continue;
    }
    if (!existing.sub_button || existing.sub_button.length === 0) {
      problems.push(
        `一级菜单「${ourTop.name}」现在本身是一个按钮（${describeAction(existing)}），合并需要它成为子菜单目录：请先在公众平台改名或删除它，或加 --replace 放弃现有菜单。`,
      );
      continue;
    }
    for (const sub of ourTop.sub_button ?? []) {
      const at = existing.sub_button.findIndex((b) => b.name === sub.name);
      if (at >= 0) {
        existing.sub_button[at] = sub;
      } else {
        existing.sub_button.push(sub);
      }
    }
  }
  problems.push(...limitProblems(merged));
  return { menu: { button: merged }, problems, changes: diff(before, merged, []) };
}

/** The menu as indented lines, for printing. */
export function menuLines(buttons: (MenuButton | CurrentMenuButton)[]): string[] {
  const lines: string[] = [];
  for (const top of buttons) {
    const subs: (MenuButton | CurrentMenuButton)[] = Array.isArray(top.sub_button) ? top.sub_button : (top.sub_button?.list ?? []);
    lines.push(subs.length > 0 ? `  ${top.name ?? ''}` : `  ${top.name ?? ''}：${describeAction(top)}`);
    for (const sub of subs) {
      lines.push(`    · ${sub.name ?? ''}：${describeAction(sub)}`);
    }
  }
  return lines.length > 0 ? lines : ['  （无菜单）'];
}
