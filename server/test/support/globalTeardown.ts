import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Phone numbers the factories and demo data use, and the factories' credit-code prefix. */
const SEEDED_PHONES = /(?<![0-9])(13912345678|13712345678|13698765432|13812345678|13612345678|138000000\d\d)(?![0-9])/g;
const SEEDED_CREDIT_CODES = /(?<![0-9A-Z])(91440101[0-9A-HJ-NPQRTUWXY]{10}|91350100M000100Y43)(?![0-9A-Z])/g;

/**
 * After the whole run: no server log line of this run may contain a seeded phone number or credit
 * code in clear (they must be masked as 139****5678). A hit fails the run.
 */
export default function globalTeardown(): void {
  const dir = path.resolve(__dirname, '..', '..', '..', 'data', 'test', 'logs');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith(`run-${process.pid}-`) || f.startsWith(`run-${process.ppid}-`));
  } catch {
    return;
  }
  const hits: string[] = [];
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    lines += text.split('\n').length;
    for (const pattern of [SEEDED_PHONES, SEEDED_CREDIT_CODES]) {
      for (const match of text.matchAll(pattern)) {
        hits.push(`${file}: ${match[0].slice(0, 3)}…${match[0].slice(-2)}`);
      }
    }
    rmSync(path.join(dir, file), { force: true });
  }
  if (hits.length > 0) {
    throw new Error(`unmasked personal data in ${hits.length} log places (of ${lines} lines):\n${hits.slice(0, 20).join('\n')}`);
  }
}
