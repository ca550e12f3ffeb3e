// `npm run demo:wechat`: the WeChat side of the product end to end, with a local stub as "WeChat".
// Starts the stub and the server (stub configured as WeChat, in-process sender plus a second
// sender, to show that two never send one event twice), walks an applicant from mini-program login
// to confirming the budget over the HTTP API, then prints every subscribe/template message the stub
// received, in order, and `RESULT pushes_sent=<n> duplicates=<d> template_check=<…>`.
// Before that, `npm run wechat:check` runs against the stub, whose subscribe template numbers its
// keywords differently from our default map (as real library templates do): the check reports the
// mismatch, the demo applies the map it suggests, and the check passes (template_check=1_mismatch_fixed).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Op } from 'sequelize';
import { REPO_ROOT, loadConfig } from '../server/src/config';
import { createLogger } from '../server/src/logger';
import { OutboxMessage } from '../server/src/models';
import { startServer } from '../server/src/server';
import { OutboxWorker } from '../server/src/workers';
import { Api } from '../server/test/support/api';
import { demoEnv, freePort, migrateDemo, ok, staffApi } from './demoApi';
import { budgetTotal, budgetXlsx, dwg, jpeg, pdf, sitePhoto } from '../server/test/support/sampleFiles';
import { uploadFile } from '../server/test/support/uploads';
import { eventXml, sendPush } from '../test/stubs/wechatPush';
import { DEFAULT_SUBSCRIBE_TEMPLATE, WechatStub, stubEnv, type DeliveredMessage } from '../test/stubs/wechatStub';

interface AppView {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function upload(api: Api, appId: number, category: string, displayName: string, fileName: string, content: Buffer) {
  const res = await uploadFile(api, appId, category, { displayName, fileName, content });
  if (res.status !== 201) {
    throw new Error(`upload ${category} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}

/** The application's progress messages once no sender has any of them pending. */
async function settled(applicationId: number): Promise<OutboxMessage[]> {
  const until = Date.now() + 30_000;
  for (;;) {
    const rows = await OutboxMessage.findAll({ where: { applicationId, audience: 'applicant' }, order: [['id', 'ASC']] });
    if (!rows.some((r) => r.status === 'pending' || r.status === 'sending') || Date.now() > until) {
      return rows;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function describeMessage(m: DeliveredMessage, index: number): string {
  const fields = Object.entries(m.data)
    .map(([k, v]) => `${k}=${v.value}`)
    .join(' | ');
  const target = m.kind === 'subscribe' ? `page=${m.page}` : `miniprogram=${m.miniprogram?.pagepath ?? '-'} url=${m.url ?? '-'}`;
  const kind = m.kind === 'subscribe' ? '小程序订阅消息' : '公众号模板消息';
  return `  ${String(index + 1).padStart(2)}. ${kind} to=${m.touser} template=${m.templateId} msgid=${m.msgid}\n      ${fields}\n      ${target}`;
}

/** `npm run wechat:check` as the administrator would run it, with this environment; its output is shown indented. */
function wechatCheck(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'wechat-check.ts')], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      say(out.replace(/\n$/, '').replace(/^/gm, '   | '));
      resolve({ code, out });
    });
  });
}

/**
 * 0. The administrator checks the templates: the account's subscribe template (as WeChat lists it)
 * has `time3`/`phrase4` where our default map says `phrase3`/`time4`. The check says what to set;
 * with that setting it passes. Returns the setting and the RESULT value.
 */
async function checkTemplates(stub: WechatStub, env: NodeJS.ProcessEnv): Promise<{ fix: Record<string, string>; result: string }> {
  stub.subscribeTemplates[0] = {
    ...DEFAULT_SUBSCRIBE_TEMPLATE,
    content:
      '业务编号{{character_string1.DATA}}\n办理事项{{thing2.DATA}}\n更新时间{{time3.DATA}}\n办理状态{{phrase4.DATA}}\n申请单位{{thing5.DATA}}\n',
  };
  say('0. npm run wechat:check（小程序的订阅消息模板与默认配置的关键词编号不同）');
  const first = await wechatCheck(env);
  const setting = /WECHAT_SUBSCRIBE_TEMPLATE_FIELDS='([^']+)'/.exec(first.out)?.[1];
  if (first.code !== 1 || !setting) {
    return { fix: {}, result: 'mismatch_not_reported' };
  }
  const fix = JSON.parse(setting) as Record<string, string>;
  say(`   按提示设置 WECHAT_SUBSCRIBE_TEMPLATE_FIELDS='${setting}' 后再检查：`);
  const second = await wechatCheck({ ...env, WECHAT_SUBSCRIBE_TEMPLATE_FIELDS: setting });
  return { fix, result: second.code === 0 ? '1_mismatch_fixed' : 'still_mismatched' };
}

async function main(): Promise<void> {
  const stub = await new WechatStub(
    { appId: 'wxdemominiprog01', secret: randomBytes(16).toString('hex') },
    { appId: 'wxdemoofficial01', secret: randomBytes(16).toString('hex') },
  ).start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wc-demo-wechat-'));
  const port = await freePort();
  const push = {
    appId: stub.officialAccount.appId,
    token: `tk${randomBytes(8).toString('hex')}`,
    encodingAESKey: randomBytes(32).toString('base64').replace(/=+$/, ''),
  };
  const env = demoEnv(port, dataDir, {
    ...stubEnv(stub, { token: push.token, aesKey: push.encodingAESKey }),
    IN_PROCESS_WORKERS: 'true',
    WORKER_POLL_MS: '100',
  });
  await migrateDemo(env);
  const templateCheck = await checkTemplates(stub, env);
  const config = loadConfig({ ...env, WECHAT_SUBSCRIBE_TEMPLATE_FIELDS: JSON.stringify(templateCheck.fix) });
  const running = await startServer(config, { logger: createLogger('warn') });
  const second = new OutboxWorker(config, { id: 'second-sender' });
  second.start(100);
  const base = `http://127.0.0.1:${running.port}`;
  say(
    `WeChat stub: ${stub.url}   server: ${base}   (mini program ${stub.miniProgram.appId}, official account ${stub.officialAccount.appId})`,
  );

  try {
    // 1. The applicant opens the mini program, agrees to the privacy policy and logs in with WeChat.
    const openid = `o_demo_mp_${randomBytes(4).toString('hex')}`;
    const oaOpenid = `o_demo_oa_${randomBytes(4).toString('hex')}`;
    const unionid = `u_demo_${randomBytes(4).toString('hex')}`;
    const login = await ok<{ token: string; isNew: boolean; user: { id: number; username: string } }>(
      'mp-login',
      new Api(base).post('/api/wechat/mp-login', { code: stub.loginCode(openid, unionid), agreedPrivacy: true }),
    );
    const applicant = new Api(base, login.token);
    say(`1. 小程序微信登录: 新用户=${login.isNew} 账号=${login.user.username}`);
    await ok('bind-phone', applicant.post('/api/wechat/bind-phone', { code: stub.phoneCode('13912345678') }));
    say('   手机号已通过 getPhoneNumber 绑定');

    // 2. They also follow the official account (AES safe-mode push), same unionid.
    stub.setFollower(oaOpenid, true, unionid);
    const followed = await sendPush(`${base}/wechat/push`, push, eventXml({ toUser: push.appId, openid: oaOpenid, event: 'subscribe' }), {
      mode: 'aes',
    });
    say(`2. 关注公众号（安全模式推送）: HTTP ${followed.status}`);

    // 3. Submitting, they accept two one-time progress messages.
    const templateId = config.wechat.templates.subscribe.id;
    const accept = async (times: number) => {
      for (let i = 0; i < times; i++) {
        stub.grantSubscription(openid, templateId);
        await ok('subscriptions', applicant.post('/api/wechat/subscriptions', { templateIds: [templateId], accepted: [templateId] }));
      }
    };
    await accept(2);
    const created = await ok<AppView>(
      'apply',
      applicant.post('/api/applications', {
        kind: 'enterprise',
        name: '珠江摩尔置业有限公司',
        creditCode: '91350100M000100Y43',
        contactName: '陈经理',
        contactPhone: '13912345678',
        address: '广州市天河区华夏路10号',
        waterAddress: '广州市天河区华夏路10号珠江摩尔工地',
        waterType: 'construction',
        buildingArea: 22000,
      }),
    );
    say(`3. 提交报装申请 ${created.number}（同意接收 2 条订阅消息）`);

    // 4. Staff work it through to the budget.
    const [reviewer, techhead, surveyor, designer, budgeter] = await Promise.all([
      staffApi(base, 'reviewer'),
      staffApi(base, 'techhead'),
      staffApi(base, 'surveyor'),
      staffApi(base, 'designer'),
      staffApi(base, 'budgeter'),
    ]);
    const act = (api: Api, action: string, body: Record<string, unknown> = {}) =>
      ok<AppView>(action, api.post(`/api/applications/${created.id}/actions/${action}`, body));
    say(`4. 审核通过 → ${(await act(reviewer, 'approve')).stateLabel}`);
    say(`   确认派工 → ${(await act(techhead, 'dispatch')).stateLabel}`);
    await upload(surveyor, created.id, 'site_photo', '东门现场照片', 'site.jpg', sitePhoto());
    await upload(surveyor, created.id, 'scheme_sketch', '接水方案草图', 'sketch.jpg', jpeg());
    await upload(surveyor, created.id, 'signed_scheme', '用户签字方案', 'signed.pdf', pdf('签字方案'));
    say(`   现场勘察（照片、草图、签字方案）→ ${(await act(surveyor, 'submit_survey', { summary: 'DN150 接入市政管网' })).stateLabel}`);
    await upload(designer, created.id, 'construction_drawing', '给水施工图', 'drawing.dwg', dwg());
    await upload(designer, created.id, 'construction_drawing_pdf', '给水施工图PDF', 'drawing.pdf', pdf());
    const budget = await upload(budgeter, created.id, 'budget', '给水工程预算书', 'budget.xlsx', await budgetXlsx());
    say(`   施工图和预算 → ${(await act(budgeter, 'submit_design', { budgetTotal: budgetTotal() })).stateLabel}`);

    // 5. The applicant, told to look at the budget, confirms it; the tap asks for one more message.
    await settled(created.id);
    await accept(1);
    const confirmed = await ok<AppView>(
      'confirm_design',
      applicant.post(`/api/applications/${created.id}/actions/confirm_design`, { budgetAttachmentId: budget.id }),
    );
    say(`5. 用户确认施工图和预算 → ${confirmed.stateLabel}`);

    // 6. Wait for the senders to settle every progress message of this application.
    const rows = await settled(created.id);
    const ours = stub.messages.filter((m) => m.touser === openid || m.touser === oaOpenid);
    say('');
    say(`Messages the WeChat stub received (${ours.length}), in order:`);
    ours.forEach((m, i) => say(describeMessage(m, i)));
    const seen = new Set<string>();
    let duplicates = 0;
    for (const m of ours) {
      const key = `${m.kind}|${m.touser}|${JSON.stringify(m.data)}`;
      duplicates += seen.has(key) ? 1 : 0;
      seen.add(key);
    }
    const sentRows = rows.filter((r) => r.status === 'sent');
    const unsent = await OutboxMessage.count({ where: { applicationId: created.id, audience: 'applicant', status: { [Op.ne]: 'sent' } } });
    say('');
    say(
      `Outbox: ${rows.length} progress messages, ${sentRows.length} sent (${rows.map((r) => `${r.event}:${r.channel ?? r.status}`).join(', ')})`,
    );
    if (unsent > 0 || sentRows.length !== ours.length) {
      say(`WARNING: ${unsent} not sent; rows sent ${sentRows.length} vs messages received ${ours.length}`);
      process.exitCode = 1;
    }
    if (duplicates > 0 || templateCheck.result !== '1_mismatch_fixed') {
      process.exitCode = 1;
    }
    say(`RESULT pushes_sent=${ours.length} duplicates=${duplicates} template_check=${templateCheck.result}`);
  } finally {
    await second.stop();
    await running.close();
    await stub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
