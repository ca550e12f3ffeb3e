/**
 * `npm run bench:upload`: a 1 GB upload through the real API to the disk driver, against
 * `fs.copyFile` of the same file in the same run, and the server's RSS growth for 100 MB and 1 GB.
 * Targets: throughput ratio ≥ 0.5; RSS growth ≤ 64 MB and about the same for both sizes (the upload
 * streams; nothing is held in memory).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { freePort } from './lib';

const MB = 1024 * 1024;
const root = path.resolve(__dirname, '..');
const work = path.join(root, 'data', 'bench', `upload-${randomBytes(3).toString('hex')}`);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function makeFile(file: string, bytes: number): Promise<void> {
  // A drawing header, then pseudo-random bytes (nothing a file system could compress or dedupe).
  const block = randomBytes(MB);
  let written = 0;
  await pipeline(
    Readable.from(
      (function* () {
        const header = Buffer.alloc(MB);
        block.copy(header);
        header.write('AC1032', 0, 'latin1');
        yield header;
        written = MB;
        while (written < bytes) {
          yield block;
          written += MB;
        }
      })(),
    ),
    createWriteStream(file),
  );
}

async function upload(url: string, token: string, appId: number, file: string, pid: number): Promise<{ seconds: number; peakRss: number }> {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\n性能测试图纸\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.dwg"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let peakRss = rssMb(pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 20);
  const started = process.hrtime.bigint();
  // node:http with a plain file stream: the client should cost as little as possible.
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${url}/api/applications/${appId}/attachments`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + statSync(file).size + tail.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const source = createReadStream(file, { highWaterMark: 4 * MB });
    source.pipe(req, { end: false });
    source.on('end', () => req.end(tail));
    source.on('error', reject);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssMb(pid));
  if (status !== 201) {
    throw new Error(`upload failed: ${status} ${text}`);
  }
  return { seconds, peakRss };
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const big = path.join(work, 'big.dwg');
  const medium = path.join(work, 'medium.dwg');
  await makeFile(big, 1024 * MB);
  await makeFile(medium, 100 * MB);

  // Baseline: the same bytes copied by the file system, same disk, same run.
  const copyStarted = process.hrtime.bigint();
  await copyFile(big, path.join(work, 'copy.dwg'));
  const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
  rmSync(path.join(work, 'copy.dwg'));

  // Ceiling: bare node:http piping the same bytes into a file — what HTTP on this machine allows.
  const ceilingPort = await freePort();
  const ceilingServer = spawn(
    process.execPath,
    [
      '-e',
      `require('http').createServer((q,s)=>{const w=require('fs').createWriteStream(process.argv[1]);q.pipe(w);w.on('finish',()=>s.end('ok'))}).listen(${ceilingPort},'127.0.0.1')`,
      path.join(work, 'ceiling.bin'),
    ],
    { stdio: 'ignore' },
  );
  await new Promise((r) => setTimeout(r, 500));
  const ceilingStarted = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const req = request(
      `http://127.0.0.1:${ceilingPort}/`,
      { method: 'POST', headers: { 'content-length': String(statSync(big).size) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    createReadStream(big, { highWaterMark: 4 * MB }).pipe(req);
  });
  const ceilingSeconds = Number(process.hrtime.bigint() - ceilingStarted) / 1e9;
  ceilingServer.kill();
  rmSync(path.join(work, 'ceiling.bin'), { force: true });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', path.join(root, 'server', 'src', 'index.ts')], {
    env: {
      ...process.env,
      DATA_DIR: path.join(work, 'server'),
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      IN_PROCESS_WORKERS: 'false',
      UPLOAD_MAX_MB_OTHER: '2048',
    },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) {
          break;
        }
      } catch {
        if (i > 300) {
          throw new Error('server did not start');
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const login = (await (
      await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'surveyor', password: 'demo1234' }),
      })
    ).json()) as { data: { token: string } };
    const token = login.data.token;
    const apps = (await (
      await fetch(`${url}/api/applications?state=surveying`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { data: { id: number }[] };
    const appId = apps.data[0]?.id ?? 0;
    const pid = child.pid ?? 0;

    // Warm up (code paths compiled, pools open), then take the baseline.
    await upload(url, token, appId, medium, pid);
    await new Promise((r) => setTimeout(r, 500));
    const base100 = rssMb(pid);
    const r100 = await upload(url, token, appId, medium, pid);
    await new Promise((r) => setTimeout(r, 500));
    const base1g = rssMb(pid);
    const r1g = await upload(url, token, appId, big, pid);

    const copyMbS = 1024 / copySeconds;
    const uploadMbS = 1024 / r1g.seconds;
    const ratio = uploadMbS / copyMbS;
    const growth100 = r100.peakRss - base100;
    const growth1g = r1g.peakRss - base1g;
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| fs.copyFile 1 GB | ${copySeconds.toFixed(2)} s (${copyMbS.toFixed(0)} MB/s) |`);
    console.log(`| bare node:http → file 1 GB (ceiling) | ${ceilingSeconds.toFixed(2)} s (${(1024 / ceilingSeconds).toFixed(0)} MB/s) |`);
    console.log(`| API upload 1 GB (disk driver) | ${r1g.seconds.toFixed(2)} s (${uploadMbS.toFixed(0)} MB/s) |`);
    console.log(`| API upload 100 MB | ${r100.seconds.toFixed(2)} s |`);
    console.log(`| throughput ratio upload / copyFile | ${ratio.toFixed(2)} (target ≥ 0.5) |`);
    console.log(`| throughput ratio upload / bare HTTP | ${(uploadMbS / (1024 / ceilingSeconds)).toFixed(2)} |`);
    console.log(`| server RSS growth 100 MB | ${growth100.toFixed(1)} MB (baseline ${base100.toFixed(0)} MB) |`);
    console.log(`| server RSS growth 1 GB | ${growth1g.toFixed(1)} MB (baseline ${base1g.toFixed(0)} MB) |`);
    console.log(
      `RESULT upload_ratio=${ratio.toFixed(2)} rss_growth_mb_100m=${growth100.toFixed(1)} rss_growth_mb_1g=${growth1g.toFixed(1)} http_ceiling_ratio=${(uploadMbS / (1024 / ceilingSeconds)).toFixed(2)}`,
    );
  } finally {
    child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
