import { loadConfig } from './config';
import { startServer } from './server';
import { warnTemplateMismatches } from './wechat/templateCheck';

// Sequelize reads a fresh stack on every query; with source maps on (tsx turns them on) each
// read maps every frame, about a tenth of a request's CPU. Stacks in logs then point into the
// transpiled code, which keeps the source's lines closely; SOURCE_MAPS=true maps them again.
if (process.env.SOURCE_MAPS !== 'true') {
  process.setSourceMapsEnabled(false);
}

/** `npm start`: the whole product on the configured (by default embedded) database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config);
  const url = config.publicUrl;
  const lines = [
    '',
    '用户报装管理系统 已启动',
    `  员工端（管理后台）: ${url}/admin/`,
    `  用户端（H5 / 公众号页面）: ${url}/h5/`,
    `  API: ${url}/api/   健康检查: ${url}/health`,
    `  数据库: ${config.databaseDialect}   数据目录: ${config.dataDir}`,
  ];
  if (running.demo) {
    lines.push('', `演示账号（密码均为 ${running.demo.password}）：`);
    for (const account of running.demo.accounts) {
      lines.push(`  ${account.username.padEnd(12)} ${account.label}`);
    }
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
  // In the background: WeChat being slow must not hold the start.
  void warnTemplateMismatches(config, running.services.logger);

  const shutdown = (signal: string) => {
    running.services.logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
