import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AuditEventView, UtilityPublicView, UtilityStaffView } from '@wc/shared';
import { AuditEvent, UtilityProfile } from '../../src/models';
import type { ErrorBody } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { html, jpeg, pdf, png } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let admin: TestUser;
let reviewer: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  // The installation's default name, as an operator would set it before anyone saved the profile.
  server = await startTestServer({ UTILITY_NAME: '默认市自来水有限公司', UTILITY_PHONE: '96116' });
  admin = await createStaff(server.url, ['admin'], '王管理');
  reviewer = await createStaff(server.url, ['reviewer']);
  applicant = await createApplicant(server.url);
});
afterAll(() => server.close());

const PROFILE = {
  name: '示例市自来水有限公司',
  shortName: '示例水务',
  address: '示例市人民路1号',
  phone: '0571-88886666',
  bankName: '中国工商银行示例市分行',
  bankAccount: '1202 0200 0900 1234 567',
  accountName: '示例市自来水有限公司',
  contractPartyB: '示例市自来水有限公司工程部',
};

const anonymous = () => fetch(`${server.url}/api/settings/utility`).then((r) => r.json() as Promise<{ data: UtilityPublicView }>);

/** Uploads an image as the browser's form does (multipart, one file). */
async function upload(user: TestUser | null, image: string, content: Buffer, fileName: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  const res = await fetch(`${server.url}/api/settings/utility/${image}`, {
    method: 'PUT',
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { data: UtilityStaffView } & ErrorBody };
}

/** The stored objects of the profile's images, on the local disk. */
const storedPath = (url: string | null, row: UtilityProfile | null, image: 'seal' | 'logo') =>
  url && row?.[`${image}Key`] ? path.join(server.config.dataDir, row[`${image}Key`]!) : null;

describe('单位信息 before anything is set', () => {
  it('answers the installation defaults to anyone, with a hint that it is not configured', async () => {
    const { data } = await anonymous();
    expect(data).toEqual({
      name: '默认市自来水有限公司',
      shortName: null,
      address: null,
      phone: '96116',
      logoUrl: null,
      configured: false,
    });
    const staff = await reviewer.api.get<{ data: UtilityStaffView }>('/api/settings/utility');
    expect(staff.body.data).toMatchObject({ name: '默认市自来水有限公司', bankAccount: null, sealUrl: null, configured: false });
  });
});

describe('saving 单位信息', () => {
  it('is for administrators only', async () => {
    expect((await reviewer.api.put<ErrorBody>('/api/settings/utility', PROFILE)).status).toBe(403);
    expect((await applicant.api.put<ErrorBody>('/api/settings/utility', PROFILE)).status).toBe(403);
    const anonymousPut = await fetch(`${server.url}/api/settings/utility`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PROFILE),
    });
    expect(anonymousPut.status).toBe(401);
    expect(await UtilityProfile.count()).toBe(0);
  });

  it('refuses bad input with a message on each field, changing nothing', async () => {
    const res = await admin.api.put<ErrorBody>('/api/settings/utility', {
      ...PROFILE,
      name: '  ',
      phone: '12345',
      bankAccount: '6222-abc',
      accountName: '',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '请填写单位名称' },
        { path: 'phone', message: '服务电话格式不正确（手机号、带区号的固定电话或400/96开头的服务热线）' },
        { path: 'bankAccount', message: '银行账号只能是8至30位数字' },
      ]),
    );
    const partial = await admin.api.put<ErrorBody>('/api/settings/utility', { ...PROFILE, accountName: '' });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details).toEqual([{ path: 'accountName', message: '请填写户名（开户银行、银行账号、户名需一并填写）' }]);
    expect((await anonymous()).data).toMatchObject({ name: '默认市自来水有限公司', configured: false });
    expect(await AuditEvent.count({ where: { action: 'settings.utility' } })).toBe(0);
  });

  it('saves the profile: the public read shows the letterhead, staff also read where payments go; audited in words', async () => {
    const saved = await admin.api.put<{ data: UtilityStaffView }>('/api/settings/utility', PROFILE);
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ ...PROFILE, phone: '0571-88886666', bankAccount: '1202020009001234567', configured: true });

    const { data } = await anonymous();
    expect(data).toEqual({
      name: '示例市自来水有限公司',
      shortName: '示例水务',
      address: '示例市人民路1号',
      phone: '0571-88886666',
      logoUrl: null,
      configured: true,
    });
    expect(JSON.stringify(data)).not.toContain('1202020009001234567');
    // An applicant is no more than the public: no bank account, no seal.
    const asApplicant = await applicant.api.get<{ data: UtilityStaffView }>('/api/settings/utility');
    expect(asApplicant.body.data).not.toHaveProperty('bankAccount');
    expect(asApplicant.body.data).not.toHaveProperty('sealUrl');
    const asStaff = await reviewer.api.get<{ data: UtilityStaffView }>('/api/settings/utility');
    expect(asStaff.body.data).toMatchObject({
      bankName: '中国工商银行示例市分行',
      bankAccount: '1202020009001234567',
      accountName: PROFILE.name,
    });

    const again = await admin.api.put('/api/settings/utility', { ...PROFILE, phone: '96116' });
    expect(again.status).toBe(200);
    const audit = await admin.api.get<{ data: AuditEventView[] }>('/api/audit?action=settings.utility');
    expect(audit.body.data.map((e) => [e.actionLabel, e.target, e.summary, e.actor?.name])).toEqual([
      ['修改单位信息', '单位信息', '修改 服务电话', '王管理'],
      ['修改单位信息', '单位信息', '修改 单位名称、简称、地址、服务电话、开户银行、银行账号、户名、合同乙方', '王管理'],
    ]);
  });
});

describe('印章 and Logo', () => {
  it('takes only PNG or JPEG, from administrators, leaving nothing behind when refused', async () => {
    const notImage = await upload(admin, 'seal', html(), 'seal.png');
    expect(notImage.status).toBe(415);
    expect(notImage.body.error.message).toBe('印章图片只能是 PNG 或 JPEG 图片');
    expect((await upload(admin, 'logo', pdf(), 'logo.pdf')).body.error.message).toBe('Logo只能是 PNG 或 JPEG 图片');
    expect((await upload(reviewer, 'seal', png(), 'seal.png')).status).toBe(403);
    expect((await upload(null, 'seal', png(), 'seal.png')).status).toBe(401);
    const big = await upload(admin, 'seal', Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024)]), 'seal.png');
    expect(big.status).toBe(413);
    expect(big.body.error.message).toBe('印章图片不能超过 2 MB');
    expect((await upload(admin, 'stamp', png(), 'seal.png')).status).toBe(400);

    const row = await UtilityProfile.findByPk(1);
    expect(row?.sealKey).toBeNull();
    expect(row?.logoKey).toBeNull();
    expect(existsSync(path.join(server.config.dataDir, 'settings'))).toBe(false);
    expect(await AuditEvent.count({ where: { action: 'settings.utility' } })).toBe(2);
  });

  it('serves the seal to staff only and the logo to anyone; a new seal replaces the old one', async () => {
    const seal = await upload(admin, 'seal', png(), '公章.png');
    expect(seal.status).toBe(200);
    expect(seal.body.data.sealUrl).toMatch(/^\/api\/settings\/utility\/seal\?v=[0-9a-f]{12}$/);
    const sealUrl = seal.body.data.sealUrl!;

    const asStaff = await fetch(`${server.url}${sealUrl}`, { headers: { authorization: `Bearer ${reviewer.token}` } });
    expect(asStaff.status).toBe(200);
    expect(asStaff.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await asStaff.arrayBuffer()).equals(png())).toBe(true);
    expect((await fetch(`${server.url}${sealUrl}`)).status).toBe(401);
    expect((await fetch(`${server.url}${sealUrl}`, { headers: { authorization: `Bearer ${applicant.token}` } })).status).toBe(403);
    expect((await anonymous()).data).not.toHaveProperty('sealUrl');

    const logo = await upload(admin, 'logo', jpeg(), 'logo.jpg');
    expect(logo.status).toBe(200);
    const { data } = await anonymous();
    expect(data.logoUrl).toMatch(/^\/api\/settings\/utility\/logo\?v=[0-9a-f]{12}$/);
    const publicLogo = await fetch(`${server.url}${data.logoUrl!}`);
    expect(publicLogo.status).toBe(200);
    expect(publicLogo.headers.get('content-type')).toBe('image/jpeg');
    expect(publicLogo.headers.get('cache-control')).toContain('public');

    const firstObject = storedPath(sealUrl, await UtilityProfile.findByPk(1), 'seal');
    expect(firstObject && existsSync(firstObject)).toBe(true);
    const replaced = await upload(admin, 'seal', jpeg(), '新公章.jpg');
    expect(replaced.body.data.sealUrl).not.toBe(sealUrl);
    expect(existsSync(firstObject!)).toBe(false);

    const audit = await admin.api.get<{ data: AuditEventView[] }>('/api/audit?action=settings.utility&pageSize=3');
    expect(audit.body.data.map((e) => e.summary)).toEqual(['更换印章图片', '更换Logo', '更换印章图片']);
    // The text of the profile is untouched by images.
    expect((await anonymous()).data.name).toBe('示例市自来水有限公司');
  });
});

describe('the customer’s notices', () => {
  it('come from the utility as 单位信息 names it, with its service phone', async () => {
    // By now the profile is saved: short name 示例水务, service phone 96116 (the last change above).
    const created = await applicant.api.post<{ data: { id: number; number: string } }>('/api/applications', enterpriseForm());
    expect(created.status).toBe(201);
    const notices = await applicant.api.get<{ data: { event: string; text: string }[] }>(
      `/api/notifications?applicationId=${created.body.data.id}`,
    );
    expect(notices.body.data.find((n) => n.event === 'submitted')?.text).toBe(
      `您的报装申请${created.body.data.number}已提交，示例水务会尽快审核，咨询电话96116。`,
    );
  });
});
