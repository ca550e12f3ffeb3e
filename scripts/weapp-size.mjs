// `npm run size:weapp`: the sizes of the WeChat build (miniprogram/dist, where
// project.config.json points) — the main package, each subpackage and the total — against the
// budget. Exits 1 above it: main package ≤ 1 MB (our budget; WeChat allows 2 MB), each subpackage
// ≤ 2 MB and everything together ≤ 20 MB (WeChat's limits). Run `npm run build:weapp` first.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(root, process.argv[2] ?? 'miniprogram/dist');
const MB = 1024 * 1024;
const BUDGET = { main: 1 * MB, subpackage: 2 * MB, total: 20 * MB };

const appJson = path.join(dist, 'app.json');
if (!existsSync(appJson)) {
  console.error(`没有找到 ${path.relative(root, appJson)}：请先运行 npm run build:weapp`);
  process.exit(2);
}
const app = JSON.parse(readFileSync(appJson, 'utf8'));
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const packages = new Map([['main', { files: 0, bytes: 0 }], ...roots.map((r) => [r, { files: 0, bytes: 0 }])]);
for (const file of walk(dist)) {
  // Source maps are not uploaded (WeChat DevTools leaves them out of the package).
  if (file.endsWith('.map')) {
    continue;
  }
  const relative = path.relative(dist, file).split(path.sep).join('/');
  const owner = roots.find((r) => relative.startsWith(`${r}/`)) ?? 'main';
  const entry = packages.get(owner);
  entry.files += 1;
  entry.bytes += statSync(file).size;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [...packages].map(([name, { files, bytes }]) => {
  const limit = name === 'main' ? BUDGET.main : BUDGET.subpackage;
  return { name: name === 'main' ? '主包 (main)' : `分包 ${name}`, files, bytes, limit };
});
const total = rows.reduce((sum, r) => sum + r.bytes, 0);
rows.push({ name: '合计 (total)', files: rows.reduce((sum, r) => sum + r.files, 0), bytes: total, limit: BUDGET.total });

const width = Math.max(...rows.map((r) => r.name.length)) + 2;
console.log(`微信小程序包大小 ${path.relative(root, dist)}`);
let over = false;
for (const r of rows) {
  const ok = r.bytes <= r.limit;
  over ||= !ok;
  console.log(
    `${r.name.padEnd(width)}${kb(r.bytes).padStart(11)}  ${String(r.files).padStart(4)} 个文件  上限 ${kb(r.limit).padStart(11)}  ${ok ? 'OK' : '超出上限'}`,
  );
}
console.log(`RESULT weapp_main_kb=${(rows[0].bytes / 1024).toFixed(1)} weapp_total_kb=${(total / 1024).toFixed(1)}`);
process.exit(over ? 1 : 0);
