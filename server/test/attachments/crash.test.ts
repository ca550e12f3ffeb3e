import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../../src/config';
import { sweepUploads } from '../../src/jobs/uploadSweeper';
import { createLogger } from '../../src/logger';
import { Application, Attachment } from '../../src/models';
import { startServer, type RunningServer } from '../../src/server';
import { exited, startServerProcess } from '../support/processes';
import { dwg } from '../support/sampleFiles';

const dataDir = path.join(REPO_ROOT, 'data', 'test', `crash-${randomBytes(4).toString('hex')}`);
const env = {
  DATA_DIR: dataDir,
  JWT_SECRET: randomBytes(32).toString('hex'),
  SEED_DEMO: 'true',
  IN_PROCESS_WORKERS: 'false',
  LOG_LEVEL: 'warn',
  UPLOAD_MAX_MB_OTHER: '512',
};
let restarted: RunningServer | undefined;

afterAll(async () => {
  await restarted?.close();
});

it('leaves no attachment row when the server is killed mid-upload, and the sweeper removes the partial file', async () => {
  mkdirSync(dataDir, { recursive: true });
  const { child, url } = await startServerProcess({ ...process.env, ...env });
  const login = (await (
    await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'surveyor', password: 'demo1234' }),
    })
  ).json()) as {
    data: { token: string };
  };
  const list = (await (
    await fetch(`${url}/api/applications?state=surveying`, { headers: { authorization: `Bearer ${login.data.token}` } })
  ).json()) as { data: { id: number }[] };
  const appId = list.data[0]?.id;
  expect(appId).toBeDefined();

  // A 64 MB drawing sent slowly; the server is killed while it is still arriving.
  const boundary = `----wc${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\n中断测试图纸\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.dwg"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const chunk = dwg(1024 * 1024);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (child.exitCode !== null || child.signalCode !== null) {
        controller.error(new Error('server gone'));
        return;
      }
      if (sent === 0) {
        controller.enqueue(head);
      }
      sent += 1;
      if (sent === 8) {
        child.kill('SIGKILL');
      }
      await new Promise((r) => setTimeout(r, 30));
      controller.enqueue(chunk);
      if (sent >= 64) {
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
  await expect(
    fetch(`${url}/api/applications/${appId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.data.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
      // Like any real client, give up on a dead connection: once in a CI run the upload neither
      // failed nor finished after the kill, and the test waited for its 120 s timeout.
      signal: AbortSignal.timeout(20_000),
    } as RequestInit),
  ).rejects.toThrow();
  await exited(child);

  const spool = path.join(dataDir, 'tmp', 'uploads');
  expect(readdirSync(spool).length).toBe(1);

  // Restart on the same data: no row was ever written for the interrupted file.
  restarted = await startServer(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' }), { logger: createLogger('warn') });
  expect(await Application.count({ where: { id: appId } })).toBe(1);
  expect(await Attachment.count({ where: { applicationId: appId } })).toBe(0);
  const swept = await sweepUploads(0);
  expect(swept.partials).toBe(1);
  expect(readdirSync(spool)).toEqual([]);
}, 120_000);
