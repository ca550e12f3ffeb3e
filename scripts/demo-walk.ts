/**
 * `npm run demo:walk`: starts the server on a fresh temporary database with the demo accounts, walks
 * one enterprise application (with a rejected contract stage, the leader's approval to build
 * unpaid and a design change) and one resident application to the end through the HTTP API,
 * printing every step in Chinese. Exits non-zero on any unexpected reply.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ENTERPRISE_FLOW, RESIDENT_FLOW, ROLE_LABELS } from '@wc/shared';
import { DEMO_APPLICANTS, DEMO_STAFF } from '../server/src/seed/demo';
import { Api } from '../server/test/support/api';
import { budgetTotal, budgetXlsx, dwg, jpeg, pdf, sitePhoto } from '../server/test/support/sampleFiles';
import { uploadFile } from '../server/test/support/uploads';

interface View {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
  step: { elapsedText: string; contractStage: { position: number } | null };
}

const root = path.resolve(__dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wc-demo-walk-'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

/** `后台审核员 李娜` for a demo user name. */
function person(username: string): string {
  const staff = DEMO_STAFF.find((s) => s.username === username);
  if (staff) {
    return `${staff.roles.map((r) => ROLE_LABELS[r]).join('、')} ${staff.name}`;
  }
  return `报装用户 ${DEMO_APPLICANTS.find((a) => a.username === username)?.name ?? username}`;
}

function actionLabel(action: string): string {
  return [...ENTERPRISE_FLOW.actions, ...RESIDENT_FLOW.actions].find((a) => a.key === action)?.label ?? action;
}

class Walk {
  private readonly apis = new Map<string, Api>();
  constructor(
    private readonly base: Api,
    private readonly label: string,
  ) {}

  async as(username: string): Promise<Api> {
    const known = this.apis.get(username);
    if (known) {
      return known;
    }
    const res = await this.base.post<{ data: { token: string } }>('/api/auth/login', { username, password: 'demo1234' });
    if (res.status !== 200) {
      throw new Error(`登录失败 ${username}: ${JSON.stringify(res.body)}`);
    }
    const api = this.base.as(res.body.data.token);
    this.apis.set(username, api);
    return api;
  }

  async act(id: number, username: string, action: string, body: Record<string, unknown> = {}, expected = 200): Promise<View> {
    const api = await this.as(username);
    const res = await api.post<{ data: View; error?: { message: string } }>(`/api/applications/${id}/actions/${action}`, body);
    if (res.status !== expected) {
      throw new Error(`${action} by ${username}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    }
    if (expected !== 200) {
      console.log(
        `  [${this.label}] ${person(username)} 尝试「${actionLabel(action)}」：被拒绝（${res.body.error?.message ?? res.status}）— 符合预期`,
      );
      return res.body.data;
    }
    const view = res.body.data;
    const stage = view.step.contractStage ? ` 第${view.step.contractStage.position}步` : '';
    console.log(`  [${this.label}] ${person(username)}：${actionLabel(action)} → ${view.stateLabel}${stage}`);
    return view;
  }

  /** The 原因类别 called `label` among those the action's form offers (returns and rejections ask one). */
  async reasonId(id: number, username: string, action: string, label: string): Promise<number | undefined> {
    const api = await this.as(username);
    const res = await api.get<{ data: { availableActions: { key: string; reasonCategories: { id: number; label: string }[] }[] } }>(
      `/api/applications/${id}`,
    );
    const offered = res.body.data.availableActions.find((a) => a.key === action)?.reasonCategories ?? [];
    return (offered.find((c) => c.label === label) ?? offered[0])?.id;
  }

  async upload(id: number, username: string, category: string, displayName: string, fileName: string, content: Buffer): Promise<number> {
    const res = await uploadFile(await this.as(username), id, category, { displayName, fileName, content });
    if (res.status !== 201) {
      throw new Error(`上传 ${category} 失败: ${res.status} ${JSON.stringify(res.body)}`);
    }
    console.log(`  [${this.label}] ${person(username)}：上传「${displayName}」`);
    return res.body.data.id;
  }
}

async function enterprise(api: Api): Promise<string> {
  const w = new Walk(api, '企业');
  const applicant = await w.as('zhujiang');
  const form = {
    kind: 'enterprise',
    name: '珠江摩尔置业有限公司（演示）',
    creditCode: '91350100M000100Y43',
    contactName: '陈经理',
    contactPhone: '13912345678',
    address: '广州市天河区珠江新城华夏路10号',
    waterAddress: '广州市天河区华夏路10号演示工地',
    waterType: 'construction',
    buildingArea: 22200,
  };
  const bad = await applicant.post<{ error: { details: { message: string }[] } }>('/api/applications', {
    ...form,
    creditCode: '91350100M000100Y44',
  });
  if (bad.status !== 400) {
    throw new Error(`错误的信用代码应被拒绝，实际 ${bad.status}`);
  }
  console.log(`  [企业] ${person('zhujiang')}：提交申请（信用代码写错）→ 被拒绝：${bad.body.error.details[0]?.message}`);
  const created = await applicant.post<{ data: View }>('/api/applications', form);
  if (created.status !== 201) {
    throw new Error(`创建失败 ${created.status}`);
  }
  const id = created.body.data.id;
  console.log(`  [企业] ${person('zhujiang')}：提交申请 → ${created.body.data.number} ${created.body.data.stateLabel}`);
  await w.act(id, 'reviewer', 'approve');
  await w.act(id, 'techhead', 'dispatch');
  await w.upload(id, 'surveyor', 'site_photo', '东门现场照片', 'site.jpg', sitePhoto());
  await w.upload(id, 'surveyor', 'scheme_sketch', '接水方案草图', 'sketch.jpg', jpeg());
  await w.upload(id, 'surveyor', 'signed_scheme', '用户签字方案', 'scheme.pdf', pdf());
  await w.act(id, 'surveyor', 'submit_survey', { summary: 'DN150 接入市政管网' });
  await w.upload(id, 'designer', 'construction_drawing', '给水施工图', 'drawing.dwg', dwg());
  await w.upload(id, 'designer', 'construction_drawing_pdf', '给水施工图PDF', 'drawing.pdf', pdf());
  const budget = await w.upload(id, 'budgeter', 'budget', '给水工程预算书', 'budget.xlsx', await budgetXlsx());
  await w.act(id, 'budgeter', 'submit_design', { budgetTotal: budgetTotal() });
  await w.act(id, 'zhujiang', 'confirm_design', { budgetAttachmentId: budget });
  await w.act(id, 'contract', 'save_contract', { contract: { partyB: '市自来水有限公司', amount: budgetTotal() } });
  await w.act(id, 'contract', 'submit_contract');
  await w.act(id, 'approver', 'approve_stage', { comment: '同意' });
  await w.act(id, 'techhead', 'reject_stage', {
    comment: '履行地点需写明门牌号',
    reasonCategoryId: await w.reasonId(id, 'techhead', 'reject_stage', '合同条款需修改'),
  });
  await w.act(id, 'contract', 'revise_contract');
  await w.act(id, 'contract', 'submit_contract', { contract: { place: '广州市天河区华夏路10号东门' } });
  await w.act(id, 'contract', 'owner_approve');
  for (const approver of ['approver', 'techhead', 'budgeter', 'cashier', 'approver', 'leader', 'leader']) {
    await w.act(id, approver, 'approve_stage', { comment: '同意' });
  }
  await w.upload(id, 'contract', 'signed_contract', '双方签字合同', 'contract.pdf', pdf());
  await w.act(id, 'contract', 'upload_signed_contract');
  await w.act(id, 'cashier', 'request_leader_approval', { comment: '用户承诺月底前缴费' });
  await w.act(id, 'leader', 'leader_approve', { comment: '同意先施工' });
  await w.act(id, 'techhead', 'start_construction', {
    sheet: {
      materials: [{ name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120 }],
      meter: { number: 'SB-DEMO-1', caliber: 'DN100', model: 'LXS-100' },
    },
  });
  await w.upload(id, 'builder', 'entry_photo', '进场照片', 'entry.jpg', sitePhoto());
  await w.act(id, 'builder', 'entry_photos');
  const change = await w.upload(id, 'designer', 'design_change', '设计变更图', 'change.dwg', dwg());
  await w.upload(id, 'budgeter', 'change_budget', '变更预算', 'change.xlsx', await budgetXlsx());
  await w.act(id, 'designer', 'design_change', { comment: '水表井东移 3 米' });
  await w.act(id, 'zhujiang', 'confirm_change', { changeAttachmentId: change });
  await w.upload(id, 'builder', 'completion_photo', '完工照片', 'done.jpg', sitePhoto());
  await w.act(id, 'builder', 'completion_photos');
  await w.upload(id, 'builder', 'water_on_photo', '通水照片', 'water.jpg', sitePhoto());
  await w.act(id, 'builder', 'water_on_photos');
  await w.act(id, 'builder', 'submit_construction');
  await w.upload(id, 'acceptor', 'acceptance_form', '验收单', 'acc.jpg', jpeg());
  await w.upload(id, 'acceptor', 'acceptance_photo', '验收现场照片', 'acc-site.jpg', sitePhoto());
  await w.act(id, 'acceptor', 'submit_acceptance', { acceptedOn: '2026-11-28', summary: '验收合格' });
  await w.upload(id, 'acceptor', 'handover_form', '移交单', 'hand.jpg', jpeg());
  await w.act(id, 'acceptor', 'submit_handover', { handedOverOn: '2026-11-28', receiver: '珠江摩尔物业' });
  await w.act(id, 'designer', 'skip_as_built', {}, 422);
  await w.upload(id, 'designer', 'as_built_drawing', '竣工图', 'asbuilt.pdf', pdf());
  await w.act(id, 'designer', 'submit_as_built');
  await w.upload(id, 'budgeter', 'settlement_doc', '竣工决算书', 'settle.pdf', pdf());
  const done = await w.act(id, 'budgeter', 'submit_settlement', { finalAmount: budgetTotal() });
  return done.stateLabel;
}

async function resident(api: Api): Promise<string> {
  const w = new Walk(api, '居民');
  const applicant = await w.as('zhangsan');
  const created = await applicant.post<{ data: View }>('/api/applications', {
    kind: 'resident',
    name: '张三',
    contactPhone: '13712345678',
    address: '广州市越秀区东风中路88号',
    waterAddress: '广州市越秀区东风中路88号3栋601',
    waterType: 'permanent',
    buildingArea: 88,
  });
  const id = created.body.data.id;
  console.log(`  [居民] ${person('zhangsan')}：提交申请 → ${created.body.data.number} ${created.body.data.stateLabel}`);
  await w.act(id, 'reviewer', 'approve');
  await w.upload(id, 'surveyor', 'site_photo', '入户现场照片', 'site.jpg', sitePhoto());
  await w.upload(id, 'surveyor', 'scheme_sketch', '入户方案草图', 'sketch.jpg', jpeg());
  await w.upload(id, 'surveyor', 'signed_scheme', '用户签字方案', 'scheme.pdf', pdf());
  await w.act(id, 'surveyor', 'submit_survey', { summary: '楼道立管接入' });
  await w.upload(id, 'cashier', 'payment_receipt', '缴费收据', 'receipt.jpg', jpeg());
  await w.act(id, 'cashier', 'record_payment', { amount: 1850, paidOn: '2026-11-28', receiptNo: 'SJ-DEMO-1' });
  for (const [category, action, name] of [
    ['entry_photo', 'entry_photos', '进场照片'],
    ['completion_photo', 'completion_photos', '完工照片'],
    ['water_on_photo', 'water_on_photos', '通水照片'],
  ] as const) {
    await w.upload(id, 'builder', category, name, 'p.jpg', sitePhoto());
    await w.act(id, 'builder', action);
  }
  await w.act(id, 'builder', 'record_meter', { meter: { number: 'JM-DEMO-1', caliber: 'DN20', model: 'LXS-20E', initialReading: 0 } });
  await w.act(id, 'builder', 'submit_construction');
  await w.upload(id, 'acceptor', 'acceptance_form', '验收单', 'acc.jpg', jpeg());
  await w.upload(id, 'acceptor', 'acceptance_photo', '验收照片', 'accp.jpg', sitePhoto());
  await w.act(id, 'acceptor', 'submit_acceptance', { acceptedOn: '2026-11-28', summary: '合格' });
  await w.upload(id, 'acceptor', 'handover_form', '移交单', 'h.jpg', jpeg());
  const done = await w.act(id, 'acceptor', 'submit_handover', { handedOverOn: '2026-11-28', receiver: '张三' });
  return done.stateLabel;
}

async function main(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'index.ts')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) {
          break;
        }
      } catch {
        // starting
      }
      if (i > 600 || child.exitCode !== null) {
        throw new Error('服务器未能启动');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const api = new Api(url);
    console.log(`服务器已在临时数据库上启动: ${url}\n\n企业单位报装：`);
    const e = await enterprise(api);
    console.log('\n居民报装：');
    const r = await resident(api);
    console.log(`\nRESULT enterprise=${e} resident=${r}`);
    if (e !== '已完成' || r !== '已完成') {
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`演示失败: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
