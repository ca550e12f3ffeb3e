import { creditCodeCheckChar, type ActionKey, type ApplicationForm, type AttachmentCategory } from '@wc/shared';
import { createApplication } from '../commands/applicationCreator';
import { storeAttachment } from '../commands/attachments/storeAttachment';
import { performAction } from '../commands/workflow/transitioner';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { ReasonCategory, type Application } from '../models';
import { services } from '../services';
import { DEMO_ENTERPRISE_FORM, DEMO_RESIDENT_FORM } from './demoForms';
import { DEMO_BUDGET_TOTAL, demoBudget, demoDwg, demoPdf, demoPhoto } from './demoFiles';
import { DEMO_UTILITY } from './demoUtility';

const HOUR = 3600 * 1000;

/** A valid credit code from its first 17 characters (demo data passes the same checks as real data). */
function creditCode(first17: string): string {
  return `${first17}${creditCodeCheckChar(first17) ?? ''}`;
}

function enterprise(name: string, code17: string, overrides: Partial<ApplicationForm> = {}): ApplicationForm {
  return { ...DEMO_ENTERPRISE_FORM, name, creditCode: creditCode(code17), waterAddress: `${name}项目用水点`, ...overrides };
}

/**
 * Demo applications spread across the flow, walked through the real commands with back-dated times
 * so that lists show realistic 历时 (some past their thresholds, in red) and every screen has data.
 * Each step is its own transaction, like real requests.
 */
export async function seedDemoApplications(people: Map<string, AuthUser>, now: Date): Promise<void> {
  const { sequelize } = services();
  const who = (username: string): AuthUser => {
    const user = people.get(username);
    if (!user) {
      throw new Error(`demo user ${username} missing`);
    }
    return user;
  };
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const create = (form: ApplicationForm, channel: 'online' | 'window', actor: string, hoursAgo: number) =>
    withTransaction(sequelize, (t) =>
      createApplication(
        { form, channel, actor: who(actor), applicantUserId: channel === 'online' ? who(actor).id : null, now: at(hoursAgo) },
        t,
      ),
    );
  const act = (app: Application, action: ActionKey, actor: string, hoursAgo: number, input: Record<string, unknown> = {}) =>
    withTransaction(sequelize, (t) => performAction({ applicationId: app.id, action, actor: who(actor), input, now: at(hoursAgo) }, t));
  const file = (
    app: Application,
    category: AttachmentCategory,
    uploader: string,
    displayName: string,
    content: Buffer,
    originalName: string,
  ) => storeAttachment({ applicationId: app.id, category, displayName, originalName, content, uploaderUserId: who(uploader).id });

  const survey = async (app: Application, h: number) => {
    await file(app, 'site_photo', 'surveyor', `${app.name}现场照片`, demoPhoto(), 'site.png');
    await file(app, 'scheme_sketch', 'surveyor', `${app.name}接水方案草图`, demoPhoto(), 'sketch.png');
    await file(app, 'signed_scheme', 'surveyor', `${app.name}用户签字方案`, demoPdf('签字方案'), 'scheme.pdf');
    return act(app, 'submit_survey', 'surveyor', h, { summary: '自市政 DN300 管网接出 DN150 支管，水表井设于红线内东侧' });
  };
  const design = async (app: Application, h: number) => {
    await file(app, 'construction_drawing', 'designer', `${app.name}给水施工图`, demoDwg(), 'drawing.dwg');
    await file(app, 'construction_drawing_pdf', 'designer', `${app.name}给水施工图PDF`, demoPdf('施工图'), 'drawing.pdf');
    const budget = await file(
      app,
      'budget',
      'budgeter',
      `${app.name}给水工程预算书`,
      await demoBudget(`${app.name}给水工程预算书`),
      'budget.xlsx',
    );
    await act(app, 'submit_design', 'budgeter', h, { budgetTotal: DEMO_BUDGET_TOTAL });
    return budget;
  };
  const contract = async (app: Application, h: number, stages: number) => {
    await act(app, 'submit_contract', 'contract', h, { contract: { partyB: DEMO_UTILITY.contractPartyB, amount: DEMO_BUDGET_TOTAL } });
    const approvers = ['approver', 'techhead', 'budgeter', 'cashier', 'approver', 'leader', 'leader'];
    for (let stage = 0; stage < stages; stage++) {
      await act(app, 'approve_stage', approvers[stage] ?? 'leader', h - 2 * (stage + 1), { comment: '同意' });
    }
  };
  const photos = async (app: Application, h: number, kinds: ('entry' | 'completion' | 'water_on')[]) => {
    for (const [i, kind] of kinds.entries()) {
      await file(
        app,
        `${kind}_photo`,
        'builder',
        `${app.name}${{ entry: '进场', completion: '完工', water_on: '通水' }[kind]}照片`,
        demoPhoto(),
        `${kind}.png`,
      );
      await act(app, `${kind}_photos`, 'builder', h - i * 24);
    }
  };

  // Waiting for review for 30 hours: past the 24-hour threshold, shown in red.
  await create(DEMO_ENTERPRISE_FORM, 'online', 'zhujiang', 30);
  // Window entries waiting for dispatch and in survey.
  await create(
    enterprise('天河城百货有限公司', '91440101MA59ABCD0', { waterType: 'permanent', buildingArea: 8600 }),
    'window',
    'window',
    50,
  );
  const hotel = await create(
    enterprise('广州白云酒店有限公司', '91440111MA5CXY120', { waterType: 'capacity', buildingArea: 15000 }),
    'window',
    'window',
    20,
  );
  await act(hotel, 'dispatch', 'techhead', 18);
  // Residents: one waiting for review, one returned for a missing document.
  await create(DEMO_RESIDENT_FORM, 'online', 'zhangsan', 2);
  const returned = await create({ ...DEMO_RESIDENT_FORM, waterAddress: '广州市越秀区东风中路88号3栋车库' }, 'online', 'zhangsan', 72);
  // A return names its 原因类别 (as seeded by migration 0014).
  const missingPapers = (await ReasonCategory.findOne({ where: { label: '材料不全' } }))?.id;
  await act(returned, 'return', 'reviewer', 70, { comment: '请补充房产证明复印件后重新提交', reasonCategoryId: missingPapers });

  // 珠江摩尔二期: the budget waits for the applicant's confirmation (try it in the H5 pages as zhujiang).
  const phase2 = await create(
    enterprise('珠江摩尔置业有限公司（二期）', '91440101MA5D2Q3R4', { buildingArea: 36000 }),
    'online',
    'zhujiang',
    240,
  );
  await act(phase2, 'approve', 'reviewer', 236);
  await act(phase2, 'dispatch', 'techhead', 220);
  await survey(phase2, 150);
  await design(phase2, 60);

  // A contract in its third approval stage (预算审核).
  const campus = await create(
    enterprise('华南理工大学国际校区配套工程', '12440000455416717', { waterType: 'permanent', buildingArea: 52000 }),
    'window',
    'window',
    600,
  );
  await act(campus, 'dispatch', 'techhead', 590);
  await survey(campus, 500);
  const campusBudget = await design(campus, 400);
  await act(campus, 'confirm_design', 'window', 300, { budgetAttachmentId: campusBudget.id, comment: '用户到窗口签字确认' });
  await contract(campus, 60, 2);

  // Under construction, unpaid but approved by the leader, with a field visa.
  const park = await create(
    enterprise('越秀公园管理处', '12440100455360000', { waterType: 'construction', buildingArea: 1200 }),
    'window',
    'window',
    900,
  );
  await act(park, 'dispatch', 'techhead', 890);
  await survey(park, 860);
  const parkBudget = await design(park, 800);
  await act(park, 'confirm_design', 'window', 780, { budgetAttachmentId: parkBudget.id });
  await contract(park, 760, 7);
  await act(park, 'owner_approve', 'contract', 740);
  await file(park, 'signed_contract', 'contract', '越秀公园供水工程合同（双方签字）', demoPdf('合同'), 'contract.pdf');
  await act(park, 'upload_signed_contract', 'contract', 730);
  await act(park, 'request_leader_approval', 'cashier', 720, { comment: '用户资金下月到位，申请先行施工' });
  await act(park, 'leader_approve', 'leader', 700, { comment: '同意先施工，收费员跟踪缴费' });
  await act(park, 'start_construction', 'techhead', 690, {
    sheet: {
      materials: [
        { name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120 },
        { name: '闸阀', spec: 'DN150', unit: '个', quantity: 2 },
      ],
      meter: { number: 'SB2026-1108', caliber: 'DN100', model: 'LXS-100E' },
    },
  });
  await photos(park, 680, ['entry']);
  await file(park, 'visa', 'builder', '越秀公园现场签证（管线绕行古树）', demoPhoto(), 'visa.png');
  await act(park, 'field_visa', 'builder', 600, { comment: '管线绕开古树保护范围，增加 6 米' });

  // A resident waiting for payment, and an enterprise application completed end to end.
  const lisi = await create(
    {
      ...DEMO_RESIDENT_FORM,
      name: '李四',
      contactName: '李四',
      contactPhone: '13622223333',
      address: '广州市海珠区江南大道中100号',
      waterAddress: '广州市海珠区江南大道中100号',
    },
    'window',
    'window',
    100,
  );
  await survey(lisi, 60);

  const done = await create(
    enterprise('番禺新城房地产开发有限公司', '91440113MA59P5L6Q', { waterType: 'permanent', buildingArea: 68000 }),
    'window',
    'window',
    2000,
  );
  await act(done, 'dispatch', 'techhead', 1990);
  await survey(done, 1950);
  const doneBudget = await design(done, 1850);
  await act(done, 'confirm_design', 'window', 1800, { budgetAttachmentId: doneBudget.id });
  await contract(done, 1700, 7);
  await act(done, 'owner_approve', 'contract', 1600);
  await file(done, 'signed_contract', 'contract', '番禺新城供水工程合同（双方签字）', demoPdf('合同'), 'contract.pdf');
  await act(done, 'upload_signed_contract', 'contract', 1590);
  await file(done, 'payment_receipt', 'cashier', '番禺新城工程款收据', demoPhoto(), 'receipt.png');
  await act(done, 'record_payment', 'cashier', 1500, { amount: DEMO_BUDGET_TOTAL, paidOn: '2026-08-20', receiptNo: 'SJ-2026-0815' });
  await act(done, 'start_construction', 'builder', 1480, {
    sheet: {
      materials: [{ name: '球墨铸铁管', spec: 'DN200', unit: '米', quantity: 300 }],
      meter: { number: 'SB2026-0815', caliber: 'DN150', model: 'LXS-150E', initialReading: 0 },
    },
  });
  await photos(done, 1470, ['entry', 'completion', 'water_on']);
  await act(done, 'submit_construction', 'builder', 1300);
  await file(done, 'acceptance_form', 'acceptor', '番禺新城验收单', demoPhoto(), 'acceptance.png');
  await file(done, 'acceptance_photo', 'acceptor', '番禺新城验收现场', demoPhoto(), 'acceptance-site.png');
  await act(done, 'submit_acceptance', 'acceptor', 1250, { acceptedOn: '2026-09-15', summary: '管道试压、水质检测合格' });
  await file(done, 'handover_form', 'acceptor', '番禺新城移交单', demoPhoto(), 'handover.png');
  await act(done, 'submit_handover', 'acceptor', 1200, { handedOverOn: '2026-09-18', receiver: '番禺新城物业服务中心' });
  await act(done, 'skip_as_built', 'designer', 1150, { comment: '施工与设计一致，无变更' });
  await file(done, 'settlement_doc', 'budgeter', '番禺新城竣工决算书', demoPdf('决算'), 'settlement.pdf');
  await act(done, 'submit_settlement', 'budgeter', 1100, { finalAmount: DEMO_BUDGET_TOTAL });
}
