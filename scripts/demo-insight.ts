// `npm run demo:insight`: the 获得用水 report over a month of connections on both routes.
//
// 1. The administrator sets a 快速通道 rule: residents asking for DN25 or less with no external
//    works take the fast route (居民快速通道: no payment, acceptance completes).
// 2. Through November 2026 the window takes ten resident applications — five small (fast), five
//    DN50 (standard) — and staff work each to 已完成, a few hours a step, over working days.
//    (The API stamps actions with the present, so each action runs through the command the API
//    calls, at its instant in that month; files go up through the API.)
//    On the fast route the builder is on a site without signal: the 进场, 完工 and 通水 photos and
//    their actions are recorded on the phone (the staff page's 待上传 queue) and sent when the
//    connection returns — through the same replay the staff page runs, over HTTP, with the first
//    photo's answer lost on the way, so that it is sent twice and stored once.
// 3. The leader reads 获得用水 for the month and opens the applications behind each group.
// Ends with `RESULT report_rows=N fast_track_steps=N standard_steps=N offline_replayed=N duplicates=0`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applicationFormSchema, type ReportGroupView, type ReportRowView, type ReportView } from '@wc/shared';
import { loadConfig } from '../server/src/config';
import { createLogger } from '../server/src/logger';
import { Application } from '../server/src/models';
import { startServer } from '../server/src/server';
import { residentForm } from '../server/test/support/factories';
import { createCrew, type Crew } from '../server/test/support/journey';
import { jpeg, pdf, sitePhoto } from '../server/test/support/sampleFiles';
import { mustUpload } from '../server/test/support/uploads';
import { actAt, createAt } from '../server/test/report/walk';
import { demoEnv, freePort, migrateDemo, ok, staffApi } from './demoApi';
import { fetchSend, replayQueue, type QueueStore, type Send } from '../admin/src/offline/replay';
import type { QueueEntry } from '../admin/src/offline/types';
import type { Services } from '../server/src/services';

const say = (line: string) => process.stdout.write(`${line}\n`);
const HOUR = 3600_000;

/** November 2026's working days (China time, 09:00), from the 2nd. */
const DAYS = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13'].map((d) => new Date(`2026-11-${d}T09:00:00+08:00`));

/** What the demo's offline builder did: entries replayed, and what the server holds of them. */
const offline = { replayed: 0, extraRecords: 0, extraPhotos: 0 };

const CONSTRUCTION_PHOTOS = [
  { category: 'entry_photo', label: '进场照片', action: 'entry_photos', actionLabel: '上传进场照片' },
  { category: 'completion_photo', label: '完工照片', action: 'completion_photos', actionLabel: '上传完工照片' },
  { category: 'water_on_photo', label: '通水照片', action: 'water_on_photos', actionLabel: '上传通水照片' },
] as const;

interface AppView {
  id: number;
  number: string;
  name: string;
  version: number;
  state: string;
  stateLabel: string;
}

/** The phone's queue, as the staff page keeps it in IndexedDB; here an array. */
function memoryStore(): QueueStore & { entries: QueueEntry[] } {
  let next = 1;
  const store = {
    entries: [] as QueueEntry[],
    list: () => Promise.resolve([...store.entries]),
    put: (entry: QueueEntry) => {
      if (entry.id === undefined) {
        entry.id = next++;
        store.entries.push(entry);
      } else {
        store.entries = store.entries.map((e) => (e.id === entry.id ? entry : e));
      }
      return Promise.resolve();
    },
    remove: (id: number) => {
      store.entries = store.entries.filter((e) => e.id !== id);
      return Promise.resolve();
    },
  };
  return store;
}

/**
 * The builder records the three construction photos and their actions without signal, then the
 * phone sends them when the connection returns, at `when` on the server's clock. The first photo's
 * answer is lost on the way: the next try sends it again under the same key and the server keeps
 * one copy.
 */
async function offlineConstruction(crew: Crew, app: Application, base: string, services: Services, when: Date): Promise<void> {
  const seen = await ok<AppView>('detail', crew.constructor.api.get(`/api/applications/${app.id}`));
  const store = memoryStore();
  for (const photo of CONSTRUCTION_PHOTOS) {
    await store.put({
      createdAt: when.toISOString(),
      applicationId: seen.id,
      applicationNumber: seen.number,
      applicationName: seen.name,
      actionKey: photo.action,
      actionLabel: photo.actionLabel,
      body: { comment: `${photo.actionLabel}（离线记录）` },
      files: [
        {
          blob: new Blob([new Uint8Array(sitePhoto())], { type: 'image/jpeg' }),
          fileName: `${photo.category}.jpg`,
          displayName: `${seen.number} ${photo.label}`,
          category: photo.category,
          categoryLabel: photo.label,
          idempotencyKey: randomUUID(),
          attachmentId: null,
        },
      ],
      idempotencyKey: randomUUID(),
      expectedVersion: seen.version,
      seenState: seen.state,
      seenStateLabel: seen.stateLabel,
      status: 'waiting',
      refusal: null,
    });
  }
  const send = fetchSend(`${base}/api`, () => ({ Authorization: `Bearer ${crew.constructor.api.token ?? ''}` }));
  let lose = true;
  const lossy: Send = async (request) => {
    const reply = await send(request);
    if (lose && request.form) {
      lose = false;
      throw new Error('connection reset');
    }
    return reply;
  };
  services.now = () => when;
  try {
    const first = await replayQueue(store, lossy);
    const second = await replayQueue(store, send);
    offline.replayed += first.sent.length + second.sent.length;
    if (store.entries.length > 0) {
      throw new Error(`${seen.number}: ${store.entries.length} 条待上传未发出：${JSON.stringify(store.entries.map((e) => e.refusal))}`);
    }
  } finally {
    services.now = undefined;
  }
  const records = await ok<{ action: string }[]>('history', crew.constructor.api.get(`/api/applications/${app.id}/history`));
  const files = await ok<{ category: string }[]>('files', crew.constructor.api.get(`/api/applications/${app.id}/attachments`));
  for (const photo of CONSTRUCTION_PHOTOS) {
    offline.extraRecords += Math.max(0, records.filter((r) => r.action === photo.action).length - 1);
    offline.extraPhotos += Math.max(0, files.filter((f) => f.category === photo.category).length - 1);
  }
}

/** Works an application to 已完成 from whatever step it is at, `stepHours` apart; returns its number. */
async function walk(
  crew: Crew,
  app: Application,
  start: Date,
  stepHours: number,
  phone: { base: string; services: Services } | null,
): Promise<string> {
  let at = start.getTime();
  const next = () => new Date((at += stepHours * HOUR));
  const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });
  for (let guard = 0; guard < 12; guard++) {
    const current = await Application.findByPk(app.id);
    switch (current?.state) {
      case 'completed':
        return current.number;
      case 'surveying':
        await mustUpload(crew.surveyor.api, app.id, 'site_photo', photo('入户现场'));
        await mustUpload(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '草图', fileName: 's.jpg', content: jpeg() });
        await mustUpload(crew.surveyor.api, app.id, 'signed_scheme', { displayName: '签字方案', fileName: 's.pdf', content: pdf() });
        await actAt(app, 'submit_survey', crew.surveyor, next(), { summary: '楼道立管接入' });
        break;
      case 'payment':
        await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '收据', fileName: 'r.jpg', content: jpeg() });
        await actAt(app, 'record_payment', crew.cashier, next(), { amount: 1850, paidOn: '2026-11-20', receiptNo: `SJ-${app.id}` });
        break;
      case 'construction': {
        const when = next();
        if (phone) {
          await offlineConstruction(crew, app, phone.base, phone.services, when);
        } else {
          for (const { category, action } of CONSTRUCTION_PHOTOS) {
            await mustUpload(crew.constructor.api, app.id, category, photo(category));
            await actAt(app, action, crew.constructor, when);
          }
        }
        const meter = { number: `JM-${app.id}`, caliber: 'DN20', model: 'LXS-20E', initialReading: 0 };
        await actAt(app, 'record_meter', crew.constructor, when, { meter });
        await actAt(app, 'submit_construction', crew.constructor, when);
        break;
      }
      case 'acceptance': {
        await mustUpload(crew.acceptor.api, app.id, 'acceptance_form', { displayName: '验收单', fileName: 'a.jpg', content: jpeg() });
        await mustUpload(crew.acceptor.api, app.id, 'acceptance_photo', photo('验收'));
        const when = next();
        await actAt(app, 'submit_acceptance', crew.acceptor, when, { acceptedOn: when.toISOString().slice(0, 10), summary: '合格' });
        break;
      }
      case 'handover': {
        await mustUpload(crew.acceptor.api, app.id, 'handover_form', { displayName: '移交单', fileName: 'h.jpg', content: jpeg() });
        const when = next();
        await actAt(app, 'submit_handover', crew.acceptor, when, { handedOverOn: when.toISOString().slice(0, 10), receiver: '住户' });
        break;
      }
      default:
        throw new Error(`${current?.number} 停在「${current?.state}」，演示不知道下一步`);
    }
  }
  throw new Error(`${app.number} 未能办结`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wc-demo-insight-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = demoEnv(port, dataDir);
  await migrateDemo(env);
  const running = await startServer(loadConfig(env), { logger: createLogger('warn') });
  say(`server: ${base} (临时 SQLite: ${dataDir})`);
  try {
    const admin = await staffApi(base, 'admin');
    const leader = await staffApi(base, 'leader');
    await ok(
      'fast-track rule',
      admin.post('/api/settings/fast-track-rules', {
        name: '居民小口径',
        enabled: true,
        conditions: { kinds: ['resident'], maxCaliber: 25, noExternalWorks: true },
      }),
    );
    say('1. 系统管理员设置快速通道规则：居民，口径≤DN25，不涉及外线工程');

    const crew = await createCrew(base);
    say('2. 十件居民报装在窗口受理，逐件办结：');
    for (const [i, day] of DAYS.entries()) {
      const small = i % 2 === 0;
      const form = applicationFormSchema.parse(
        residentForm({ name: `住户${i + 1}`, caliber: small ? 20 : 50, externalWorks: !small } as Parameters<typeof residentForm>[0]),
      );
      const app = await createAt(form, 'window', crew.window_clerk.auth, day);
      await mustUpload(crew.window_clerk.api, app.id, 'id_card', { displayName: '身份证', fileName: 'id.jpg', content: jpeg() });
      const number = await walk(crew, app, day, small ? 3 : 5, small ? { base, services: running.services } : null);
      say(`   ${number} ${small ? 'DN20 → 快速通道（施工照片离线记录，联网后补传）' : 'DN50 → 标准流程'}：已完成`);
    }

    const report = await ok<ReportView>('report', leader.get('/api/report?from=2026-11-01&to=2026-11-30&groupBy=month'));
    say('3. 获得用水（2026年11月）：');
    const ids: number[] = [];
    for (const g of report.groups) {
      const verdict = (met: boolean | null) => (met === null ? '无目标' : met ? '达标' : '未达标');
      say(
        `   ${g.periodLabel} ${g.kindLabel}·${g.waterTypeLabel}·${g.channelLabel}·${g.routeLabel}：${g.count} 件；` +
          `环节 ${g.steps.value}（目标≤${g.steps.target}，${verdict(g.steps.met)}）；` +
          `总时间 中位数 ${g.workdays.median} / P90 ${g.workdays.value} 工作日（目标≤${g.workdays.target}，${verdict(g.workdays.met)}）；` +
          `供水单位用时 P90 ${g.utilityWorkdays.value}；费用 ${g.cost.value ?? '—'} 元；材料 ${g.documents.value} 份；到柜台 ${g.visits.value} 次`,
      );
      const query = new URLSearchParams({
        from: '2026-11-01',
        to: '2026-11-30',
        period: g.period,
        kind: g.kind,
        waterType: g.waterType,
        channel: g.channel,
        route: g.route,
      });
      const rows = await ok<ReportRowView[]>('rows', leader.get(`/api/report/rows?${query.toString()}`));
      ids.push(...rows.map((r) => r.id));
      say(`      明细：${rows.map((r) => `${r.number}(${r.procedureLabels.join('→')})`).join('，')}`);
    }
    const steps = (route: string) => report.groups.find((g: ReportGroupView) => g.route === route)?.steps.value ?? 0;
    say(
      `4. 离线补传：${offline.replayed} 条待上传已发出（每条照片与操作各一次），多出的记录 ${offline.extraRecords}，多出的照片 ${offline.extraPhotos}`,
    );
    // Counted twice in the report's rows, or done twice by a replay: either is a duplicate.
    const duplicates = ids.length - new Set(ids).size + offline.extraRecords + offline.extraPhotos;
    if (report.groups.length === 0 || duplicates > 0 || ids.length !== DAYS.length || offline.replayed !== 5 * CONSTRUCTION_PHOTOS.length) {
      process.exitCode = 1;
    }
    say(
      `RESULT report_rows=${report.groups.length} fast_track_steps=${steps('fast')} standard_steps=${steps('standard')} offline_replayed=${offline.replayed} duplicates=${duplicates}`,
    );
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
