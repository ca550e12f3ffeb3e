import { randomInt } from 'node:crypto';
import type { ApplicationFormInput, NotificationEvent, SmsTemplateParam } from '@wc/shared';
import { applicantNotification, queueMessages } from '../../src/commands/workflow/outbox';
import { withTransaction } from '../../src/db/transaction';
import { Application, OutboxDelivery, OutboxMessage, SmsTemplate, User } from '../../src/models';
import { services } from '../../src/services';
import type { OutboxWorker } from '../../src/workers';
import { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { enterpriseForm, type TestUser } from '../support/factories';
import type { AppView } from '../support/workflow';

/** The stub's template for progress messages: number and text, as an administrator sets it. */
export const PROGRESS_TEMPLATE = { code: 'SMS_800001', content: '您的报装${number}有新进展：${text}' };
export const PROGRESS_PARAMS: SmsTemplateParam[] = [
  { name: 'number', value: 'number' },
  { name: 'text', value: 'text' },
];

/** A mobile number no other test uses. */
export function randomMobile(): string {
  return `137${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

export async function startSmsStub(): Promise<AliyunSmsStub> {
  const sms = await new AliyunSmsStub().start();
  sms.addTemplate(PROGRESS_TEMPLATE.code, PROGRESS_TEMPLATE.content);
  return sms;
}

/** The progress template set for these events (短信模板设置), as the admin page saves it. */
export async function setProgressTemplates(events: NotificationEvent[], params = PROGRESS_PARAMS): Promise<void> {
  for (const key of events) {
    await SmsTemplate.upsert({ key, templateCode: PROGRESS_TEMPLATE.code, params, enabled: true, updatedAt: new Date() });
  }
}

/** The applicant's mobile number, as registration with a verified phone leaves it. */
export async function givePhone(user: TestUser, phone: string, smsEnabled = true): Promise<void> {
  await User.update({ phone, smsEnabled }, { where: { id: user.user.id } });
}

export async function applicationOf(user: TestUser, form: Partial<ApplicationFormInput> = {}): Promise<Application> {
  const res = await user.api.post<{ data: AppView }>('/api/applications', enterpriseForm(form));
  if (res.status !== 201) {
    throw new Error(`apply → ${res.status} ${JSON.stringify(res.body)}`);
  }
  const app = await Application.findByPk(res.body.data.id);
  if (!app) {
    throw new Error('application missing');
  }
  return app;
}

/** Queues progress messages for `app` as the workflow does, in one transaction; resolves their ids. */
export async function notify(app: Application, events: NotificationEvent[], comment = '测试'): Promise<number[]> {
  const before = await OutboxMessage.max<number, OutboxMessage>('id');
  await withTransaction(services().sequelize, async (t) => {
    for (const event of events) {
      await queueMessages(
        [
          applicantNotification(app, event, {
            historyId: null,
            comment,
            stateLabel: '测试',
            at: new Date(),
            sender: { name: '自来水有限公司', phone: null },
          }),
        ],
        t,
      );
    }
  });
  const rows = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' }, order: [['id', 'ASC']] });
  return rows.filter((r) => r.id > (before ?? 0)).map((r) => r.id);
}

/** Runs a worker until nothing is due at `now()`. */
export async function drain(worker: OutboxWorker, now: () => Date = () => new Date()): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { claimed } = await worker.runOnce(now());
    if (claimed === 0) {
      return;
    }
  }
}

export async function deliveriesOf(outboxId: number): Promise<OutboxDelivery[]> {
  return OutboxDelivery.findAll({ where: { outboxId }, order: [['id', 'ASC']] });
}
