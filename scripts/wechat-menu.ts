// `npm run wechat:menu`: creates the official account's menu (综合服务 → 用户报装 / 用户报装查询).
// `npm run wechat:menu -- --print` only prints it. Needs WECHAT_OA_APP_ID/SECRET and PUBLIC_URL
// (the https address WeChat users reach, whose domain is the account's 网页授权域名).
import { loadConfig } from '../server/src/config';
import { migrate } from '../server/src/db/migrate';
import { createSequelize } from '../server/src/db/sequelize';
import { createLogger } from '../server/src/logger';
import { initModels } from '../server/src/models';
import { setServices } from '../server/src/services';
import { officialAccount } from '../server/src/wechat/apps';
import { officialAccountMenu } from '../server/src/wechat/menu';

async function main(): Promise<void> {
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
    const menu = officialAccountMenu();
    process.stdout.write(`${JSON.stringify(menu, null, 2)}\n`);
    if (process.argv.includes('--print')) {
      return;
    }
    await migrate(sequelize);
    await account.createMenu(menu);
    process.stdout.write('公众号菜单已创建（微信客户端约 5 分钟内生效，重新关注可立即看到）。\n');
  } finally {
    await sequelize.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`创建菜单失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
