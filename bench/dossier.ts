/**
 * `npm run bench:dossier`: 导出资料 of an application holding ~500 MB of drawings, against the same
 * export of a 5 MB application in the same run. Both are uploaded through the real API and
 * downloaded as the staff page does (one application, first with 5 MB, then with 500 MB more); the zip is checked (entries, sizes, SHA-256 of every file)
 * and the server's peak RSS during each download is compared. Target: the 500 MB dossier's peak
 * RSS within a few MB of the 5 MB one's (ratio ≈ 1): the zip streams from storage, nothing is held
 * whole in memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import yauzl from 'yauzl';
import { ROOT, login, machine, startApi } from './lib';

const MB = 1024 * 1024;
const work = path.join(ROOT, 'data', 'bench', `dossier-${randomBytes(3).toString('hex')}`);
const BIG_FILES = 5;
const BIG_FILE_MB = 100;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A drawing header, then pseudo-random bytes (nothing a file system or zip could compress away). */
async function makeDrawing(file: string, bytes: number): Promise<void> {
  const block = randomBytes(MB);
  await pipeline(
    Readable.from(
      (function* () {
        const header = Buffer.from(block);
        header.write('AC1032', 0, 'latin1');
        yield header;
        for (let written = MB; written < bytes; written += MB) {
          yield block;
        }
      })(),
    ),
    createWriteStream(file),
  );
}

/** Uploads a file as 其他资料 through the API (multipart, streamed from disk), returning its SHA-256 as recorded. */
function upload(url: string, token: string, appId: number, file: string, displayName: string): Promise<string> {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nother\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\n${displayName}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="drawing.dwg"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
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
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 201) {
            reject(new Error(`upload failed: ${res.statusCode} ${text}`));
            return;
          }
          resolve((JSON.parse(text) as { data: { sha256: string } }).data.sha256);
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const source = createReadStream(file, { highWaterMark: 4 * MB });
    source.pipe(req, { end: false });
    source.on('end', () => req.end(tail));
    source.on('error', reject);
  });
}

/** Downloads a dossier to disk while sampling the server's RSS; returns the peak and the time taken. */
async function download(url: string, token: string, appId: number, file: string, pid: number) {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  const started = process.hrtime.bigint();
  const res = await fetch(`${url}/api/applications/${appId}/dossier.zip`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) {
    clearInterval(sampler);
    throw new Error(`dossier failed: ${res.status} ${await res.text()}`);
  }
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(file));
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(pid));
  return { peakMb: peak, seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes: statSync(file).size };
}

/** Each entry of a zip on disk with its size and SHA-256, read entry by entry. */
function zipEntries(file: string): Promise<Map<string, { size: number; sha256: string }>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error('not a zip'));
        return;
      }
      const entries = new Map<string, { size: number; sha256: string }>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error('unreadable entry'));
            return;
          }
          const hash = createHash('sha256');
          stream.on('data', (chunk: Buffer) => hash.update(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, { size: entry.uncompressedSize, sha256: hash.digest('hex') });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function surveyingApps(url: string, token: string): Promise<{ id: number; number: string }[]> {
  const res = await fetch(`${url}/api/applications?state=surveying&pageSize=50`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { data: { id: number; number: string }[] }).data;
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const big = path.join(work, 'big.dwg');
  const small = path.join(work, 'small.dwg');
  await makeDrawing(big, BIG_FILE_MB * MB);
  await makeDrawing(small, 5 * MB);

  const api = await startApi({ DATA_DIR: path.join(work, 'server'), SEED_DEMO: 'true', UPLOAD_MAX_MB_OTHER: '2048' });
  const pid = api.child.pid ?? 0;
  try {
    const token = await login(api.url, 'surveyor');
    // One application at 现场勘察 (where a surveyor may file 其他资料): first with 5 MB, then with 500 MB more.
    const [app] = await surveyingApps(api.url, token);
    if (!app) {
      throw new Error('the demo data has no application at 现场勘察');
    }
    const expected = new Map<string, { sha256: string; size: number }>();
    expected.set('其他资料/压测小图纸.dwg', { sha256: await upload(api.url, token, app.id, small, '压测小图纸'), size: 5 * MB });

    // The small dossier twice: once to load the code (pdfkit, the font, archiver), then measured.
    await download(api.url, token, app.id, path.join(work, 'warm.zip'), pid);
    await new Promise((r) => setTimeout(r, 500));
    const baseline = await download(api.url, token, app.id, path.join(work, 'small.zip'), pid);

    for (let i = 1; i <= BIG_FILES; i++) {
      const sha256 = await upload(api.url, token, app.id, big, `压测施工图纸${i}`);
      expected.set(`其他资料/压测施工图纸${i}.dwg`, { sha256, size: BIG_FILE_MB * MB });
    }
    await new Promise((r) => setTimeout(r, 500));
    const idleMb = rssMb(pid);
    const large = await download(api.url, token, app.id, path.join(work, 'big.zip'), pid);

    const entries = await zipEntries(path.join(work, 'big.zip'));
    const summary = `${app.number}-报装资料汇总.pdf`;
    if (!entries.has(summary)) {
      throw new Error(`no ${summary} in the zip: ${[...entries.keys()].join(', ')}`);
    }
    for (const [name, want] of expected) {
      const entry = entries.get(name);
      if (!entry || entry.sha256 !== want.sha256 || entry.size !== want.size) {
        throw new Error(`${name}: ${entry ? `size ${entry.size}, SHA-256 ${entry.sha256}` : 'missing'}, expected ${want.sha256}`);
      }
    }

    const files = entries.size - 1;
    const dossierMb = large.bytes / MB;
    const ratio = large.peakMb / baseline.peakMb;
    console.log(`machine: ${machine()}`);
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| 5 MB dossier: zip size, time | ${(baseline.bytes / MB).toFixed(1)} MB, ${baseline.seconds.toFixed(2)} s |`);
    console.log(`| 5 MB dossier: server peak RSS | ${baseline.peakMb.toFixed(1)} MB |`);
    console.log(`| server RSS before the large dossier | ${idleMb.toFixed(1)} MB |`);
    console.log(
      `| ${dossierMb.toFixed(0)} MB dossier: time | ${large.seconds.toFixed(2)} s (${(dossierMb / large.seconds).toFixed(0)} MB/s) |`,
    );
    console.log(`| ${dossierMb.toFixed(0)} MB dossier: server peak RSS | ${large.peakMb.toFixed(1)} MB |`);
    console.log(`| entries checked (size + SHA-256) | ${files} files + summary |`);
    console.log(
      `RESULT dossier_mb=${dossierMb.toFixed(0)} files=${files} peak_rss_mb=${large.peakMb.toFixed(1)} baseline_rss_mb=${baseline.peakMb.toFixed(1)} ratio=${ratio.toFixed(2)}`,
    );
  } finally {
    await api.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
