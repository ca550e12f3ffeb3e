import PDFDocument from 'pdfkit';
import {
  ADDRESS_LABELS,
  ATTACHMENT_CATEGORIES,
  NAME_LABELS,
  ROLE_LABELS,
  behaviourOf,
  chinaDateTime,
  formatElapsed,
  isActionKey,
  isAttachmentCategory,
  type HistoryEntryView,
} from '@wc/shared';
import type { AuthUser } from '../../context';
import type { DossierContents } from './contents';
import { fileSize } from './fileSize';
import type { PdfFont } from './font';

/** Whose time a step's duration counted on, as the 报装记录 says it. */
const CLOCK_LABELS: Record<string, string> = { utility: '本单位用时', customer: '用户用时' };

/** Figures an entry carries, in the words of the form that entered them (as the detail page's 报装记录). */
const PAYLOAD_LABELS: Record<string, string> = {
  summary: '说明',
  budgetTotal: '预算总额（元）',
  amount: '金额（元）',
  paidOn: '缴费日期',
  receiptNo: '收据编号',
  finalAmount: '决算金额（元）',
  acceptedOn: '验收日期',
  handedOverOn: '移交日期',
  receiver: '接收单位/接收人',
  toName: '转交给',
};

const MARGIN = 50;
const GREY = '#555555';

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.8).fontSize(13).fillColor('black').text(text).moveDown(0.3).fontSize(9.5);
}

function line(doc: Doc, label: string, value: string | number | null | undefined): void {
  doc.fillColor('black').text(`${label}：${value === null || value === undefined || value === '' ? '—' : String(value)}`);
}

/** A SHA-256 on its own line, small and grey: 64 characters that must not wrap. */
function hashLine(doc: Doc, sha256: string, indent = 12): void {
  doc.fontSize(8).fillColor(GREY).text(`SHA-256：${sha256}`, { indent }).fontSize(9.5).fillColor('black');
}

function formSection(doc: Doc, { app }: DossierContents): void {
  heading(doc, '一、报装信息');
  line(doc, '用户类型', `${app.kindLabel}（${app.channelLabel}）`);
  line(doc, '申请时间', chinaDateTime(app.createdAt));
  line(doc, NAME_LABELS[app.kind], app.name);
  if (app.kind === 'enterprise') {
    line(doc, '社会信用代码', app.creditCode);
  }
  line(doc, '联系人', app.contactName);
  line(doc, '联系电话', app.contactPhone);
  line(doc, ADDRESS_LABELS[app.kind], app.address);
  line(doc, '申请用水地址', app.waterAddress);
  line(doc, '报装类型', app.waterTypeLabel);
  line(doc, '建筑面积', `${app.buildingArea} ㎡`);
  line(doc, '状态', app.stateLabel);
  if (!app.terminal) {
    line(doc, '当前办理', [app.step.handlerLabel, app.step.assignee?.name].filter(Boolean).join(' · '));
  }
  line(doc, '累计用时', `本单位 ${formatElapsed(app.utilityMs)}；等待用户 ${formatElapsed(app.customerMs)}`);
  if (app.budgetTotal !== null) {
    line(doc, '预算总额', `${app.budgetTotal} 元`);
  }
  if (app.finalAmount !== null) {
    line(doc, '决算金额', `${app.finalAmount} 元`);
  }
  if (app.contract) {
    line(doc, '合同编号', app.contract.number);
  }
  if (app.payment) {
    line(doc, '缴费', `${app.payment.amount} 元（${app.payment.paidOn}）`);
  }
}

/** 确认/不同意 and the exact file versions a decision was about (the entry records id and SHA-256 of each). */
function decisionLines(doc: Doc, entry: HistoryEntryView, versions: Map<number, number>): void {
  const decision = isActionKey(entry.action) ? behaviourOf(entry.action).decision : undefined;
  if (!decision) {
    return;
  }
  doc.text(`决定：${decision.confirms ? '确认' : '不同意'}，所依据的文件版本：`);
  for (const category of decision.files) {
    const named = entry.payload[category] as { attachmentId?: number; sha256?: string; displayName?: string } | undefined;
    if (!named?.sha256 || !isAttachmentCategory(category)) {
      continue;
    }
    const version = named.attachmentId !== undefined ? versions.get(named.attachmentId) : undefined;
    doc.text(`${ATTACHMENT_CATEGORIES[category].label} 第${version ?? '?'}版「${named.displayName ?? ''}」`, { indent: 12 });
    hashLine(doc, named.sha256, 24);
  }
}

function payloadLines(doc: Doc, entry: HistoryEntryView): void {
  const changes = entry.payload.changes;
  if (Array.isArray(changes)) {
    for (const change of changes as { label: string; from: string | null; to: string | null }[]) {
      doc.text(`${change.label}：${change.from ?? '（未填）'} → ${change.to ?? '（未填）'}`);
    }
    return;
  }
  for (const [key, label] of Object.entries(PAYLOAD_LABELS)) {
    const value = entry.payload[key];
    if (value !== undefined && value !== null && value !== '') {
      doc.text(`${label}：${typeof value === 'object' ? JSON.stringify(value) : String(value as string | number)}`);
    }
  }
  const contract = entry.payload.contract as { number?: string; amount?: number | null } | undefined;
  if (contract?.number) {
    doc.text(`合同：${contract.number}${typeof contract.amount === 'number' ? `，金额 ${contract.amount} 元` : ''}`);
  }
}

function historySection(doc: Doc, contents: DossierContents): void {
  heading(doc, '二、办理过程（报装记录）');
  contents.history.forEach((entry, index) => {
    doc.moveDown(0.4).fontSize(10.5).fillColor('black');
    const move = entry.fromLabel && entry.fromLabel !== entry.toLabel ? `${entry.fromLabel} → ${entry.toLabel}` : entry.toLabel;
    doc.text(`${index + 1}. ${entry.actionLabel}（${move}）`).fontSize(9.5);
    const who = `${entry.actor.name ?? '—'}${entry.actor.roleLabel ? `（${entry.actor.roleLabel}）` : ''}`;
    doc.text(`办理人：${who}    时间：${chinaDateTime(entry.at)}`);
    const clock = CLOCK_LABELS[entry.clock];
    if (entry.fromState && entry.newStep && clock) {
      doc.text(`用时：${entry.durationText}（${clock}）`);
    }
    if (entry.comment) {
      doc.text(`意见：${entry.comment}`);
    }
    decisionLines(doc, entry, contents.versions);
    payloadLines(doc, entry);
    if (entry.attachments.length > 0) {
      doc.text(`附件：${entry.attachments.map((a) => `${a.categoryLabel}「${a.displayName}」`).join('、')}`);
    }
  });
}

function filesSection(doc: Doc, contents: DossierContents): void {
  const total = contents.files.reduce((sum, f) => sum + f.size, 0);
  heading(doc, '三、文件清单');
  doc.text(`本资料包含 ${contents.files.length} 个文件，共 ${fileSize(total)}；当前版本在各类别文件夹中，被替换的旧版本在「历史版本」中。`);
  for (const file of contents.files) {
    doc
      .moveDown(0.2)
      .fillColor('black')
      .text(`${file.path}（${fileSize(file.size)}，上传于 ${chinaDateTime(file.createdAt)}）`);
    hashLine(doc, file.sha256);
  }
  const named = (reason: 'forbidden' | 'missing') =>
    contents.leftOut.filter((f) => f.reason === reason).map((f) => `${f.categoryLabel}「${f.displayName}」`);
  const forbidden = named('forbidden');
  if (forbidden.length > 0) {
    doc.moveDown(0.4).text(`另有 ${forbidden.length} 个文件因岗位权限未包含：${forbidden.join('、')}`);
  }
  const missing = named('missing');
  if (missing.length > 0) {
    doc
      .moveDown(0.4)
      .fillColor('#cf1322')
      .text(`另有 ${missing.length} 个文件在文件存储中缺失，未包含：${missing.join('、')}`)
      .fillColor('black');
  }
}

/** `第 1 页 / 共 3 页` at the foot of every page (pages are buffered until the end for the count). */
function pageNumbers(doc: Doc, number: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor(GREY)
      .text(`${number}    第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, MARGIN, doc.page.height - 35, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * 报装资料汇总: the form, each step (who, role, when, how long on whose clock, comment, decision
 * with the file versions and SHA-256 it named), then every file in the zip with its SHA-256. A few
 * pages of text: made in memory before the first byte of the zip is sent, so that a failure here is
 * an ordinary error reply.
 */
export function renderSummary(contents: DossierContents, font: PdfFont, viewer: AuthUser, now: Date): Promise<Buffer> {
  const { app } = contents;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${app.number} 报装资料汇总`, Author: viewer.displayName, CreationDate: now },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.data, font.family);
  doc.font('cjk');

  doc.fontSize(18).text('报装资料汇总', { align: 'center' }).moveDown(0.5);
  doc.fontSize(11).text(`报装编号：${app.number}`, { align: 'center' });
  const roles = viewer.roles.map((r) => ROLE_LABELS[r]).join('、');
  doc
    .fontSize(9)
    .fillColor(GREY)
    .text(`导出人：${viewer.displayName}${roles ? `（${roles}）` : ''}    导出时间：${chinaDateTime(now)}`, {
      align: 'center',
    });
  doc.fontSize(9.5).fillColor('black');
  formSection(doc, contents);
  historySection(doc, contents);
  filesSection(doc, contents);
  pageNumbers(doc, app.number);
  doc.end();
  return done;
}
