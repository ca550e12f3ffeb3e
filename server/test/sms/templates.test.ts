import type { SmsSettingsView } from '@wc/shared';
import { AuditEvent, SmsTemplate } from '../../src/models';
import { createStaff, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { ErrorReply } from '../support/workflow';

let server: TestServer;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [admin, reviewer] = await Promise.all([createStaff(server.url, ['admin']), createStaff(server.url, ['reviewer'])]);
});
afterAll(() => server.close());

const fieldMessage = (body: ErrorReply, path: string) => body.error.details?.find((d) => d.path === path)?.message;

describe('短信模板 settings', () => {
  it('lists every message that can go by SMS, marks what must reach, and says SMS is in local mode', async () => {
    const res = await admin.api.get<{ data: SmsSettingsView }>('/api/settings/sms-templates');
    expect(res.status).toBe(200);
    expect(res.body.data.live).toBe(false);
    expect(res.body.data.paramMaxChars).toBe(35);
    const keys = res.body.data.templates.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['verification_code', 'claim_link', 'submitted', 'payment_due', 'reminder']));
    expect(res.body.data.templates.filter((t) => t.mustReach).map((t) => t.label)).toEqual(
      expect.arrayContaining(['请确认施工图和预算', '请缴费', '已通水']),
    );
    expect(res.body.data.templates.every((t) => t.template === null)).toBe(true);
  });

  it('refuses a bad template with a message for each wrong field, and changes nothing', async () => {
    const res = await admin.api.put<ErrorReply>('/api/settings/sms-templates/payment_due', {
      templateCode: '12345',
      params: [
        { name: 'number', value: 'number' },
        { name: '2x', value: 'nothing' },
      ],
    });
    expect(res.status).toBe(400);
    expect(fieldMessage(res.body, 'templateCode')).toBe('模板代码应为阿里云短信控制台中的格式，如 SMS_123456789');
    expect(fieldMessage(res.body, 'params.1.name')).toContain('变量名只能包含字母、数字和下划线');
    expect(fieldMessage(res.body, 'params.1.value')).toBe('请选择填入的内容');
    const twice = await admin.api.put<ErrorReply>('/api/settings/sms-templates/payment_due', {
      templateCode: 'SMS_123456',
      params: [
        { name: 'number', value: 'number' },
        { name: 'number', value: 'title' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(fieldMessage(twice.body, 'params.1.name')).toBe('变量名 number 重复');
    const code = await admin.api.put<ErrorReply>('/api/settings/sms-templates/verification_code', {
      templateCode: 'SMS_100',
      params: [{ name: 'number', value: 'number' }],
    });
    expect(code.status).toBe(400);
    expect(fieldMessage(code.body, 'params.0.value')).toBe('「短信验证码」没有「申请编号」可填');
    expect(await SmsTemplate.count()).toBe(0);
  });

  it('is for administrators only', async () => {
    const get = await reviewer.api.get<ErrorReply>('/api/settings/sms-templates');
    expect(get.status).toBe(403);
    const put = await reviewer.api.put('/api/settings/sms-templates/payment_due', { templateCode: 'SMS_123456', params: [] });
    expect(put.status).toBe(403);
    expect(await SmsTemplate.count()).toBe(0);
  });

  it('saves, shows and removes a template, audited', async () => {
    const saved = await admin.api.put<{ data: SmsSettingsView }>('/api/settings/sms-templates/payment_due', {
      templateCode: ' SMS_123456789 ',
      params: [
        { name: 'number', value: 'number' },
        { name: 'title', value: 'title' },
      ],
    });
    expect(saved.status).toBe(200);
    const row = saved.body.data.templates.find((t) => t.key === 'payment_due');
    expect(row?.template).toMatchObject({
      templateCode: 'SMS_123456789',
      enabled: true,
      params: [
        { name: 'number', value: 'number' },
        { name: 'title', value: 'title' },
      ],
    });
    expect(await AuditEvent.count({ where: { action: 'settings.sms_templates' } })).toBe(1);
    const removed = await admin.api.request<{ data: SmsSettingsView }>('DELETE', '/api/settings/sms-templates/payment_due');
    expect(removed.status).toBe(200);
    expect(removed.body.data.templates.find((t) => t.key === 'payment_due')?.template).toBeNull();
    expect((await admin.api.request<ErrorReply>('DELETE', '/api/settings/sms-templates/payment_due')).status).toBe(404);
  });
});
