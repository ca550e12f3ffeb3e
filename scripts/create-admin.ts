// `npm run admin:create -- --username <登录名> --name <姓名>`: the first administrator of a new
// installation. Production runs with SEED_DEMO=false, so without this nobody could log in to add
// the staff. The password is generated and printed once (change it after the first login); the
// creation is recorded in the audit log (no actor: it came from the server's command line). Once
// any enabled administrator exists it refuses: further accounts are made under 系统管理 → 用户与角色.
// Exit code: 0 created, 2 refused.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { usernameSchema } from '@wc/shared';
import { recordAudit } from '../server/src/commands/audit';
import { loadConfig } from '../server/src/config';
import { pendingMigrations } from '../server/src/db/migrate';
import { createSequelize } from '../server/src/db/sequelize';
import { withTransaction } from '../server/src/db/transaction';
import { hashPassword } from '../server/src/lib/password';
import { createLogger } from '../server/src/logger';
import { initModels, User, UserRole } from '../server/src/models';
import { setServices } from '../server/src/services';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** 14 characters from an alphabet without look-alikes (0/O, 1/l/I), with letters and digits. */
function generatedPassword(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  for (;;) {
    const password = Array.from({ length: 14 }, () => all[randomInt(all.length)]).join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) {
      return password;
    }
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' } } });
  const username = usernameSchema.safeParse(values.username ?? '');
  const displayName = (values.name ?? '').trim();
  if (!username.success || !displayName) {
    say(`用法: npm run admin:create -- --username <登录名> --name <姓名>`);
    say(username.success ? '请填写姓名（--name）' : `用户名：${username.error.issues[0]?.message ?? '不符合要求'}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const sequelize = createSequelize(config);
  initModels(sequelize);
  setServices({ config, sequelize, logger });
  try {
    const pending = await pendingMigrations(sequelize);
    if (pending.length > 0) {
      say(`数据库结构未更新（待执行：${pending.join('、')}）：请先运行 npm run db:migrate`);
      return 2;
    }
    const password = generatedPassword();
    const passwordHash = await hashPassword(password);
    const outcome = await withTransaction(sequelize, async (t) => {
      const admins = await User.count({
        where: { kind: 'staff', enabled: true },
        include: [{ model: UserRole, as: 'roles', where: { role: 'admin' }, required: true }],
        transaction: t,
      });
      if (admins > 0) {
        return 'exists' as const;
      }
      if (await User.findOne({ where: { username: username.data }, transaction: t })) {
        return 'taken' as const;
      }
      const user = await User.create(
        {
          username: username.data,
          passwordHash,
          displayName,
          phone: null,
          kind: 'staff',
          applicantKind: null,
          lockedUntil: null,
          openid: null,
          unionid: null,
          privacyAgreedAt: null,
        },
        { transaction: t },
      );
      await UserRole.create({ userId: user.id, role: 'admin' }, { transaction: t });
      await recordAudit(
        {
          actorUserId: null,
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          data: { username: username.data, roles: ['admin'], via: 'npm run admin:create' },
        },
        t,
      );
      return 'created' as const;
    });
    if (outcome === 'exists') {
      say('已有管理员账号，未新建。其他账号请由管理员在「系统管理 → 用户与角色」中添加。');
      return 2;
    }
    if (outcome === 'taken') {
      say(`用户名 ${username.data} 已被使用，请换一个。`);
      return 2;
    }
    say(`已创建管理员 ${username.data}（${displayName}）`);
    say(`初始密码：${password}`);
    say('这个密码只显示这一次：请立即登录员工端，点右上角自己的名字 →「修改密码」，改为自己的密码。');
    say(`RESULT admin_created=${username.data}`);
    return 0;
  } finally {
    await sequelize.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`创建管理员失败：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
