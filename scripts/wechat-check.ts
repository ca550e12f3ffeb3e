// `npm run wechat:check`: for the utility's WeChat administrator. Reads the templates of the
// mini program (wxaapi/newtmpl/gettemplate) and of the official account
// (cgi-bin/template/get_all_private_template), compares each configured template's keywords and
// their types with our keyword maps (WECHAT_SUBSCRIBE_TEMPLATE_FIELDS, WECHAT_OA_TEMPLATE_FIELDS),
// and prints in Chinese what to change; then the domains the mini program console must list.
// Exit code: 0 all match, 1 a mismatch (WeChat would refuse those messages, 47003), 2 could not check.
import { loadConfig } from '../server/src/config';
import { pendingMigrations } from '../server/src/db/migrate';
import { createSequelize } from '../server/src/db/sequelize';
import { createLogger } from '../server/src/logger';
import { initModels } from '../server/src/models';
import { setServices } from '../server/src/services';
import { describeDomains, miniProgramDomains } from '../server/src/wechat/consoleDomains';
import { checkTemplates, describeFinding } from '../server/src/wechat/templateCheck';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // The access token lives in the database shared with the servers: use it, do not fetch a rival one.
  const sequelize = createSequelize(config, logger);
  initModels(sequelize);
  setServices({ config, sequelize, logger });
  try {
    const pending = await pendingMigrations(sequelize);
    if (pending.length > 0) {
      say(`数据库结构未更新（待执行：${pending.join('、')}）：请先运行 npm run db:migrate`);
      return 2;
    }
    say('微信模板检查（模板的关键词与我们的配置是否一致）');
    const { findings, skipped } = await checkTemplates(config);
    for (const line of skipped) {
      say(`- ${line}`);
    }
    for (const finding of findings) {
      say('');
      describeFinding(finding).forEach(say);
    }
    say('');
    describeDomains(miniProgramDomains(config)).forEach(say);
    const mismatches = findings.filter((f) => !f.ok).length;
    say('');
    say(
      mismatches === 0
        ? '结果：模板与配置全部一致。'
        : `结果：${mismatches} 个模板与配置不一致，按上面的提示修改后重新运行 npm run wechat:check。`,
    );
    return mismatches === 0 ? 0 : 1;
  } finally {
    await sequelize.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`微信模板检查失败：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
