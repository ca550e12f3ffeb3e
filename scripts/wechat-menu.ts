// `npm run wechat:menu`: puts 综合服务 → 用户报装 / 用户报装查询 into the official account's menu.
// WeChat's menu/create replaces the WHOLE menu, so the script first reads the menu in use
// (get_current_selfmenu_info: made in the console or through the API), prints what will change, and
// merges ours into it. It stops, changing nothing, when something of the current menu cannot be
// carried over or the result breaks WeChat's limits (3 buttons, 5 sub-buttons, name lengths).
//   --print    only show the current menu, the new one and the differences
//   --replace  drop the current menu and set ours alone
// Needs WECHAT_OA_APP_ID/SECRET and PUBLIC_URL (the https address WeChat users reach, whose domain is
// the account's 网页授权域名).
import { loadConfig } from '../server/src/config';
import { migrate } from '../server/src/db/migrate';
import { createSequelize } from '../server/src/db/sequelize';
import { createLogger } from '../server/src/logger';
import { initModels } from '../server/src/models';
import { setServices } from '../server/src/services';
import { officialAccount } from '../server/src/wechat/apps';
import { menuLines, planMenu, readCurrentMenu } from '../server/src/wechat/menu';

const out = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // The access token lives in the database shared with the servers: use it, do not fetch a rival one.
  const sequelize = createSequelize(config, logger);
  initModels(sequelize);
  setServices({ config, sequelize, logger });
  try {
    const account = officialAccount();
    if (!account) {
      throw new Error('公众号未配置：请设置 WECHAT_OA_APP_ID 和 WECHAT_OA_APP_SECRET');
    }
    if (!/^https:\/\//.test(config.publicUrl) && !process.argv.includes('--allow-http')) {
      process.stderr.write(`注意：PUBLIC_URL=${config.publicUrl} 不是 https 地址，微信网页授权要求已备案的 https 域名。\n`);
    }
    const replace = process.argv.includes('--replace');
    await migrate(sequelize);
    const current = await readCurrentMenu(account);
    const plan = planMenu(current, { replace });
    out(['当前菜单：', ...menuLines(current), '', replace ? '将替换为（--replace）：' : '合并后：', ...menuLines(plan.menu.button), '']);
    out(plan.changes.length > 0 ? ['变化：', ...plan.changes.map((l) => `  ${l}`)] : ['变化：无']);
    if (plan.problems.length > 0) {
      process.stderr.write(`\n未修改菜单：\n${plan.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
    if (process.argv.includes('--print')) {
      out(['', '（--print：未修改菜单）']);
      return 0;
    }
    if (plan.changes.length === 0) {
      out(['', '公众号菜单已是最新，未修改。']);
      return 0;
    }
    await account.createMenu(plan.menu);
    out(['', '公众号菜单已创建（微信客户端约 5 分钟内生效，重新关注可立即看到）。']);
    return 0;
  } finally {
    await sequelize.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`创建菜单失败：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
