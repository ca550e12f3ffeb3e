// Builds the admin page and the H5 pages when their sources changed since the last build, so that
// `npm start` on a fresh clone (or after a pull) serves current pages without a separate step.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const targets = [
  {
    name: '管理后台 (admin)',
    inputs: ['admin/src', 'admin/scripts', 'admin/index.html', 'admin/vite.config.ts', 'admin/public', 'admin/package.json', 'shared/src'],
    output: 'admin/dist',
    command: ['npm', ['run', 'build', '-w', 'admin']],
  },
  {
    name: '用户端 H5 (miniprogram)',
    inputs: ['miniprogram/src', 'miniprogram/config', 'miniprogram/package.json', 'miniprogram/babel.config.js', 'shared/src'],
    output: 'miniprogram/dist-h5',
    command: ['npm', ['run', 'build:h5', '-w', 'miniprogram']],
  },
];

function files(dir) {
  const full = path.join(root, dir);
  if (!existsSync(full)) {
    return [];
  }
  if (statSync(full).isFile()) {
    return [dir];
  }
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : files(path.join(dir, entry.name)),
  );
}

function sourceHash(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files).sort()) {
    hash.update(file).update(readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

export async function buildIfStale({ force = false } = {}) {
  for (const target of targets) {
    const stamp = path.join(root, target.output, '.source-hash');
    const hash = sourceHash(target.inputs);
    const current = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
    if (!force && current === hash && existsSync(path.join(root, target.output, 'index.html'))) {
      continue;
    }
    console.log(`\n正在构建 ${target.name} …`);
    await run(...target.command);
    writeFileSync(stamp, hash);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfStale({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
