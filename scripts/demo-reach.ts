// `npm run demo:reach`: everyone who should know, knows — SMS (短信) to the customer and 企业微信
// to staff, against loopback stubs of both platforms (test/stubs: the real Aliyun SDK and our
// WeCom client talk to them over HTTP). The server runs in this process with two outbox senders,
// to show that two never send one message twice; the demo moves the server's clock where days pass.
//
// 1. The window clerk takes an application at the counter; the technical head gets it on 企业微信.
// 2. The clerk texts the customer the claim link; the customer registers with a phone code and
//    claims the application with the code sent to the phone on it (认领报装).
// 3. Staff work it to 待用户确认: the customer, with no WeChat, is told by SMS; three notices in one
//    minute meet the one-a-minute limit, are shown as 限流 and go out when the minute has passed.
// 4. Four working days on: the customer is reminded to confirm the budget; a second counter
//    application left waiting for dispatch alerts the technical head (即将超时, 办理超时) and, a day
//    later, 领导 (超时升级).
// Ends with `RESULT sms_sent=N sms_limited=N wecom_sent=N claimed=1 reminders=N duplicates=0`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Op } from 'sequelize';
import { loadConfig } from '../server/src/config';
import { createLogger } from '../server/src/logger';
import { OutboxDelivery, OutboxMessage } from '../server/src/models';
import { startServer } from '../server/src/server';
import { OutboxWorker } from '../server/src/workers';
import { scanOverdue } from '../server/src/workers/overdueScanner';
import { scanReminders } from '../server/src/workers/reminderScanner';
import { Api } from '../server/test/support/api';
import { demoEnv, freePort, migrateDemo, ok, staffApi } from './demoApi';
import { budgetTotal, budgetXlsx, dwg, jpeg, pdf, sitePhoto } from '../server/test/support/sampleFiles';
import { uploadFile } from '../server/test/support/uploads';
import { AliyunSmsStub } from '../test/stubs/aliyunSms';
import { WecomStub, wecomEnv } from '../test/stubs/wecomStub';

interface AppView {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const CUSTOMER_PHONE = '13760001234';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function main(): Promise<void> {
  const sms = await new AliyunSmsStub().start();
  const wecom = await new WecomStub().start();
  const robotKey = wecom.addRobot('报装工作群');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wc-demo-reach-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The templates as the utility has them approved in Aliyun's console (短信模板).
  sms.addTemplate('SMS_900001', '您的验证码为${code}，5分钟内有效，请勿泄露给他人。');
  sms.addTemplate(
    'SMS_900002',
    `您在营业厅办理的报装\${number}可在线查看进度，请打开 ${base}/h5/pages/applications/claim/index?number=\${no} 认领。`,
  );
  // A variable holds at most 35 characters: the notice's short title, not its whole text.
  sms.addTemplate('SMS_800001', '您的报装${number}：${title}（${state}），详情请登录网上营业厅查看。');
  // The demo runs the senders and scanners itself, on the clock it moves (no in-process workers).
  const env = demoEnv(port, dataDir, { ...sms.env(), ...wecomEnv(wecom, { 报装组: robotKey }) });
  await migrateDemo(env);
  const config = loadConfig(env);
  const running = await startServer(config, { logger: createLogger('warn') });
  const senders = [new OutboxWorker(config, { id: 'sender-1' }), new OutboxWorker(config, { id: 'sender-2' })];
  // The server's clock and the SMS platform's, moved together when the demo lets time pass.
  let shift = 0;
  const now = () => new Date(Date.now() + shift);
  running.services.now = now;
  sms.now = () => Date.now() + shift;
  const pass = async (ms: number) => {
    shift += ms;
    await deliver();
  };
  /** Both senders, at once, until nothing is due. */
  const deliver = async () => {
    for (let i = 0; i < 20; i++) {
      const runs = await Promise.all(senders.map((s) => s.runOnce(now())));
      if (runs.every((r) => r.claimed === 0)) {
        return;
      }
    }
  };
  say(`SMS stub: ${sms.url}   企业微信 stub: ${wecom.url}   server: ${base}`);

  try {
    // The demo data's own notifications go out first; what follows is counted from here.
    await deliver();
    const start = { sms: sms.sent.length, app: wecom.appMessages.length, robot: wecom.robotMessages.length, limited: await limitedSms() };
    const admin = await staffApi(base, 'admin');
    const [clerk, techhead, surveyor, designer, budgeter] = await Promise.all([
      staffApi(base, 'window'),
      staffApi(base, 'techhead'),
      staffApi(base, 'surveyor'),
      staffApi(base, 'designer'),
      staffApi(base, 'budgeter'),
    ]);

    // 0. The administrator sets the SMS templates, each staff member's 企业微信 account and the team robot.
    const progress = [
      { name: 'number', value: 'number' },
      { name: 'title', value: 'title' },
      { name: 'state', value: 'state' },
    ];
    await ok(
      'template code',
      admin.put('/api/settings/sms-templates/verification_code', { templateCode: 'SMS_900001', params: [{ name: 'code', value: 'code' }] }),
    );
    await ok(
      'template claim',
      admin.put('/api/settings/sms-templates/claim_link', {
        templateCode: 'SMS_900002',
        params: [
          { name: 'number', value: 'number' },
          { name: 'no', value: 'number' },
        ],
      }),
    );
    for (const event of ['dispatched', 'scheme_ready', 'budget_to_confirm', 'reminder']) {
      await ok(`template ${event}`, admin.put(`/api/settings/sms-templates/${event}`, { templateCode: 'SMS_800001', params: progress }));
    }
    const users = await ok<{ id: number; username: string }[]>('users', admin.get('/api/users'));
    for (const [username, wecomUserId] of [
      ['techhead', 'LiJiShu'],
      ['leader', 'WangLingDao'],
    ] as const) {
      const id = users.find((u) => u.username === username)?.id;
      wecom.users.add(wecomUserId);
      await ok(`wecom ${username}`, admin.patch(`/api/users/${id}`, { wecomUserId }));
    }
    await ok('robot', admin.put('/api/wecom/steps/enterprise/dispatching', { robot: '报装组' }));
    say('0. 管理员设置短信模板、员工的企业微信账号（技术负责人、领导）和派工步骤的群机器人');

    // 1. At the counter.
    const form = (name: string, phone: string) => ({
      kind: 'enterprise',
      name,
      creditCode: '91350100M000100Y43',
      contactName: '陈经理',
      contactPhone: phone,
      address: '广州市天河区华夏路10号',
      waterAddress: `广州市天河区华夏路10号${name}工地`,
      waterType: 'construction',
      buildingArea: 22000,
    });
    const app = await ok<AppView>('apply', clerk.post('/api/applications', form('珠江摩尔置业有限公司', CUSTOMER_PHONE)));
    await deliver();
    say(
      `1. 窗口受理 ${app.number} → ${app.stateLabel}；企业微信：${wecom.appMessages
        .slice(start.app)
        .map((m) => `${m.touser}「${m.content.split('\n')[0] ?? ''}」`)
        .join('，')}；工作群 ${wecom.robotMessages.length - start.robot} 条`,
    );

    // 2. The claim link, registration by phone, and the claim.
    await ok('claim sms', clerk.post(`/api/applications/${app.id}/claim-sms`));
    say(`2. 窗口发送认领短信：${sms.sentTo(CUSTOMER_PHONE).at(-1)?.text ?? '（未收到）'}`);
    const codeFrom = () => /验证码为(\d{6})/.exec(sms.sentTo(CUSTOMER_PHONE).at(-1)?.text ?? '')?.[1] ?? '';
    const anonymous = new Api(base);
    await ok('register code', anonymous.post('/api/auth/register/code', { phone: CUSTOMER_PHONE }));
    const registered = await ok<{ token: string }>(
      'register',
      anonymous.post('/api/auth/register', {
        username: 'chenjingli',
        password: 'abc12345',
        kind: 'enterprise',
        displayName: '陈经理',
        phone: CUSTOMER_PHONE,
        agreedPrivacy: true,
        smsCode: codeFrom(),
      }),
    );
    const customer = new Api(base, registered.token);
    say('   用户用手机验证码注册（没有微信）');
    // A code a minute per phone: the customer asks for the claim code a minute later.
    await pass(61_000);
    await ok('claim code', customer.post('/api/claims/code', { number: app.number, phone: CUSTOMER_PHONE }));
    await ok('claim', customer.post('/api/claims', { number: app.number, phone: CUSTOMER_PHONE, smsCode: codeFrom() }));
    const mine = await ok<AppView[]>('mine', customer.get('/api/applications'));
    const claimed = mine.filter((a) => a.number === app.number).length;
    say(`   输入报装编号、手机号和验证码认领 → 我的报装里有 ${app.number}：${claimed === 1 ? '是' : '否'}`);

    // 3. Staff work it to the budget; the customer hears of each step by SMS.
    const act = (api: Api, action: string, body: Record<string, unknown> = {}) =>
      ok<AppView>(action, api.post(`/api/applications/${app.id}/actions/${action}`, body));
    const upload = async (api: Api, category: string, displayName: string, fileName: string, content: Buffer) => {
      const res = await uploadFile(api, app.id, category, { displayName, fileName, content });
      if (res.status !== 201) {
        throw new Error(`upload ${category} → ${res.status} ${JSON.stringify(res.body)}`);
      }
      return res.body.data;
    };
    await act(techhead, 'dispatch');
    await upload(surveyor, 'site_photo', '东门现场照片', 'site.jpg', sitePhoto());
    await upload(surveyor, 'scheme_sketch', '接水方案草图', 'sketch.jpg', jpeg());
    await upload(surveyor, 'signed_scheme', '用户签字方案', 'signed.pdf', pdf('签字方案'));
    await act(surveyor, 'submit_survey', { summary: 'DN150 接入市政管网' });
    await upload(designer, 'construction_drawing', '给水施工图', 'drawing.dwg', dwg());
    await upload(designer, 'construction_drawing_pdf', '给水施工图PDF', 'drawing.pdf', pdf());
    await upload(budgeter, 'budget', '给水工程预算书', 'budget.xlsx', await budgetXlsx());
    const atConfirm = await act(budgeter, 'submit_design', { budgetTotal: budgetTotal() });
    await deliver();
    const limitedNow = (await limitedSms()) - start.limited;
    say(
      `3. 派工、勘察、施工图和预算 → ${atConfirm.stateLabel}；该号码已收到短信 ${sms.sentTo(CUSTOMER_PHONE).length} 条，另有 ${limitedNow} 次发送因「每分钟 1 条通知」显示为限流`,
    );
    await pass(61_000);
    await pass(61_000);
    say(`   两分钟后限流的短信陆续发出：该号码共收到 ${sms.sentTo(CUSTOMER_PHONE).length} 条`);

    // 4. Days pass: a reminder to the customer, deadline alerts to staff.
    const waiting = await ok<AppView>('apply 2', clerk.post('/api/applications', form('天河城二期置业有限公司', '13812345678')));
    await deliver();
    const before = { app: wecom.appMessages.length, robot: wecom.robotMessages.length };
    // 20 hours (80 % of the dispatch step's working day: 即将超时), then day by day.
    for (const ms of [20 * HOUR, 8 * HOUR, DAY, DAY, DAY, 2 * DAY]) {
      await pass(ms);
      await scanReminders(now());
      await scanOverdue(now());
      await deliver();
    }
    const reminders = await OutboxMessage.count({ where: { applicationId: app.id, event: 'reminder', status: 'sent' } });
    const ourNumbers = [app.number, waiting.number];
    const alerts = wecom.appMessages
      .slice(before.app)
      .filter((m) => ourNumbers.some((n) => m.content.includes(n)))
      .map((m) => `${m.touser}：${m.content.split('\n')[0] ?? ''}`);
    say(`4. 过了 7 天：提醒用户确认预算 ${reminders} 次（短信）；${waiting.number} 一直待派工，企业微信：`);
    alerts.forEach((line) => say(`   - ${line}`));
    void before.robot;

    // What reached whom.
    const ours = { sms: sms.sent.slice(start.sms), app: wecom.appMessages.slice(start.app), robot: wecom.robotMessages.slice(start.robot) };
    const smsSent = ours.sms.length;
    const smsLimited = (await limitedSms()) - start.limited;
    const wecomSent = ours.app.length + ours.robot.length;
    const duplicates =
      countDuplicates(ours.sms.map((m) => `${m.phone}|${m.text}`)) +
      countDuplicates(ours.app.map((m) => `${m.touser}|${m.content}`)) +
      countDuplicates(ours.robot.map((m) => `${m.key}|${m.content}`));
    // No message delivered twice on one channel, whichever sender took it.
    const deliveries = await OutboxDelivery.findAll({ attributes: ['outboxId', 'channel'], where: { outcome: 'sent' } });
    const sentTwice = countDuplicates(deliveries.map((d) => `${d.outboxId}|${d.channel}`));
    say('');
    say('短信（按发送顺序）：');
    ours.sms.forEach((m, i) => say(`  ${String(i + 1).padStart(2)}. ${m.phone.slice(0, 3)}****${m.phone.slice(-4)} ${m.text}`));
    say(`企业微信：个人消息 ${ours.app.length} 条，群机器人 ${ours.robot.length} 条`);
    const unsettled = await OutboxMessage.count({
      where: { status: { [Op.in]: ['pending', 'sending'] }, nextAttemptAt: { [Op.lte]: now() } },
    });
    if (claimed !== 1 || reminders === 0 || duplicates > 0 || sentTwice > 0 || smsLimited === 0 || unsettled > 0) {
      say(`WARNING: claimed=${claimed} reminders=${reminders} duplicates=${duplicates} sent twice=${sentTwice} unsettled=${unsettled}`);
      process.exitCode = 1;
    }
    say(
      `RESULT sms_sent=${smsSent} sms_limited=${smsLimited} wecom_sent=${wecomSent} claimed=${claimed} reminders=${reminders} duplicates=${duplicates + sentTwice}`,
    );
  } finally {
    await running.close();
    await sms.close();
    await wecom.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** SMS attempts held back by a limit (ours or the platform's), as 消息发送记录 shows them: 限流. */
function limitedSms(): Promise<number> {
  return OutboxDelivery.count({ where: { channel: 'sms', outcome: 'limited' } });
}

function countDuplicates(keys: string[]): number {
  return keys.length - new Set(keys).size;
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
