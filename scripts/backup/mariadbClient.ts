// The MariaDB command-line clients (mariadb-dump to back up, mariadb to load a dump), given the
// credentials of DATABASE_URL in a private option file: a password on the command line is visible
// to every user of the machine in `ps`, an option file readable only by us is not.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export interface MariaDbTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** The parts of a `mysql://user:pass@host:port/db` (or `mariadb://`) URL the clients need. */
export function parseDatabaseUrl(databaseUrl: string): MariaDbTarget {
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) {
    throw new Error(`数据库地址没有数据库名：${maskUrl(databaseUrl)}（应为 mysql://用户:密码@主机:3306/数据库名）`);
  }
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** The URL with its password replaced, for messages and logs. */
export function maskUrl(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

/** An option-file value: quoted, backslashes doubled (the clients read \\ as one backslash). */
function optionValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\');
  if (!value.includes('"')) {
    return `"${escaped}"`;
  }
  if (!value.includes("'")) {
    return `'${escaped}'`;
  }
  throw new Error('数据库密码同时含有单引号和双引号，客户端的选项文件无法表示；请换一个密码');
}

/**
 * Runs `use(file)` with a `[client]` option file (mode 0600, in a private temporary folder) holding
 * the target's credentials, and removes it afterwards. `protocol=TCP`: for the clients `localhost`
 * means the unix socket, whose login rules may differ from the server's TCP connection.
 */
export async function withOptionFile<T>(target: MariaDbTarget, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wc-db-'));
  const file = path.join(dir, 'client.cnf');
  const lines = [
    '[client]',
    `host=${optionValue(target.host)}`,
    `port=${target.port}`,
    `user=${optionValue(target.user)}`,
    ...(target.password ? [`password=${optionValue(target.password)}`] : []),
    'protocol=TCP',
    'default-character-set=utf8mb4',
  ];
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  try {
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first of the client programs that is installed (MariaDB's name, then MySQL's). */
export function clientProgram(names: string[]): string {
  for (const name of names) {
    if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0) {
      return name;
    }
  }
  throw new Error(`找不到 ${names.join(' 或 ')}：请安装 MariaDB 客户端（Debian/Ubuntu: apt install mariadb-client）`);
}

/**
 * Runs a client with `--defaults-extra-file` (it must come first option); `input` writes its stdin,
 * `output` consumes its stdout. Rejects with the client's own message when it fails.
 */
export async function runClient(
  program: string,
  optionFile: string,
  args: string[],
  streams: { input?: (stdin: Writable) => Promise<void>; output?: (stdout: Readable) => Promise<void> },
): Promise<void> {
  const child = spawn(program, [`--defaults-extra-file=${optionFile}`, ...args], {
    stdio: [streams.input ? 'pipe' : 'ignore', streams.output ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const transfers: Promise<void>[] = [];
  if (streams.input && child.stdin) {
    transfers.push(streams.input(child.stdin));
  }
  if (streams.output && child.stdout) {
    transfers.push(streams.output(child.stdout));
  }
  // The client's own failure first: a broken pipe is only its consequence.
  const [exited, ...moved] = await Promise.allSettled([exit, ...transfers]);
  if (exited?.status === 'rejected') {
    throw new Error(`无法运行 ${program}：${String(exited.reason)}`);
  }
  if (exited?.value !== 0) {
    throw new Error(`${program} 失败（退出码 ${String(exited?.value)}）：${stderr.trim()}`);
  }
  for (const result of moved) {
    if (result.status === 'rejected') {
      throw result.reason instanceof Error ? result.reason : new Error(String(result.reason));
    }
  }
}
