/**
 * The first administrator of a new installation: production starts with SEED_DEMO=false, so nobody
 * can log in until IT creates one account from the command line (`npm run admin:create`, in
 * docs/deploy.md). The password is generated and shown once; the creation is in the audit log; a
 * second run, once an administrator exists, changes nothing.
 */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../src/config';
import { AuditEvent, User } from '../../src/models';
import { unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

function adminCreate(server: TestServer, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin:create', '--', ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: server.config.databaseUrl,
        DATA_DIR: server.config.dataDir,
        JWT_SECRET: server.config.jwtSecret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('creates the first administrator with a generated password that logs in, once', async () => {
  const username = unique('it').slice(0, 20);
  const run = await adminCreate(server, ['--username', username, '--name', '信息中心管理员']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const password = /初始密码：(\S+)/.exec(run.stdout)?.[1] ?? '';
  expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12,}$/);
  expect(run.stdout).toContain(`RESULT admin_created=${username}`);

  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  const body = (await login.json()) as { data: { user: { displayName: string; roles: string[] } } };
  expect(body.data.user).toMatchObject({ displayName: '信息中心管理员', roles: ['admin'] });
  const created = await User.findOne({ where: { username } });
  expect(await AuditEvent.count({ where: { action: 'user.create', targetId: String(created?.id) } })).toBe(1);

  const again = await adminCreate(server, ['--username', unique('it').slice(0, 20), '--name', '第二个']);
  expect(again.code).toBe(2);
  expect(again.stdout).toContain('已有管理员账号');
  expect(await User.count({ where: { displayName: '第二个' } })).toBe(0);
});

it('refuses a bad username with the field message, creating nothing', async () => {
  const before = await User.count();
  const run = await adminCreate(server, ['--username', 'ab', '--name', '管理员']);
  expect(run.code).toBe(2);
  expect(run.stdout).toContain('用户名至少4个字符');
  expect(await User.count()).toBe(before);
});
