import ExcelJS from 'exceljs';
import { Op, type Transaction } from 'sequelize';
import {
  APPLICANT_KIND_LABELS,
  DEFAULT_BILLING_COLUMNS,
  WATER_TYPE_LABELS,
  billingHeaderRow,
  chinaDate,
  chinaDateTime,
  csvCell,
  isBillingField,
  type BillingColumn,
  type BillingExportFormat,
  type BillingExportQuery,
  type BillingField,
  type MeterRecord,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { Application, BillingExportColumn } from '../models';
import { services } from '../services';
import { recordAudit } from './audit';
import { EXPORT_MAX_ROWS } from './exports';

const BATCH = 500;

/**
 * 立户导出设置 as stored, in export order. Read only by the settings page and the export itself
 * (not per request), so it is not cached. Nothing stored: the defaults. A field added to the list
 * after the administrator saved is appended, not exported, until they include it: the billing
 * import must not meet a column it does not know.
 */
export async function billingColumns(t?: Transaction): Promise<BillingColumn[]> {
  const rows = await BillingExportColumn.findAll({ order: [['position', 'ASC']], transaction: t });
  if (rows.length === 0) {
    return DEFAULT_BILLING_COLUMNS.map((c) => ({ ...c }));
  }
  const columns: BillingColumn[] = rows
    .filter((r) => isBillingField(r.field))
    .map((r) => ({ field: r.field, header: r.header, included: Boolean(r.included) }));
  const stored = new Set(columns.map((c) => c.field));
  for (const column of DEFAULT_BILLING_COLUMNS) {
    if (!stored.has(column.field)) {
      columns.push({ ...column, included: false });
    }
  }
  return columns;
}

/** Replaces the setting (every field, in order) and audits it with the new columns. */
export async function replaceBillingColumns(
  actor: AuthUser,
  columns: readonly BillingColumn[],
  t: Transaction,
  ip?: string,
): Promise<void> {
  const now = new Date();
  await BillingExportColumn.destroy({ where: {}, transaction: t });
  await BillingExportColumn.bulkCreate(
    columns.map((c, position) => ({ field: c.field, header: c.header, included: c.included, position, updatedAt: now })),
    { transaction: t },
  );
  await recordAudit(
    {
      actorUserId: actor.id,
      action: 'settings.billing_export',
      targetType: 'billing_export',
      data: { columns: columns.map((c) => ({ field: c.field, header: c.header, included: c.included })) },
      ip,
    },
    t,
    now,
  );
}

/** The meter the billing system opens the account with: a resident's 登记水表, else the dispatch sheet's. */
function meterOf(app: Application): Partial<MeterRecord> | null {
  return app.meter ?? app.dispatchSheet?.meter ?? null;
}

/** One application's value of each field, as the billing system reads it. */
function fieldValues(app: Application): Record<BillingField, string | number> {
  const meter = meterOf(app);
  return {
    number: app.number,
    name: app.name,
    waterAddress: app.waterAddress,
    contactName: app.contactName ?? '',
    // Unmasked: the billing system opens the account with it (the export is audited instead).
    contactPhone: app.contactPhone,
    address: app.address,
    meterNumber: meter?.number ?? '',
    meterCaliber: meter?.caliber ?? '',
    meterModel: meter?.model ?? '',
    initialReading: meter?.initialReading ?? '',
    waterType: WATER_TYPE_LABELS[app.waterType],
    kind: APPLICANT_KIND_LABELS[app.flow],
    completedOn: app.completedAt ? chinaDate(app.completedAt) : '',
  };
}

/** [from 00:00, the day after `to` 00:00) in China time. */
function completedWithin(query: BillingExportQuery) {
  const start = new Date(`${query.from}T00:00:00+08:00`);
  const end = new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000);
  return { state: 'completed' as const, completedAt: { [Op.gte]: start, [Op.lt]: end } };
}

async function* batches(where: ReturnType<typeof completedWithin>, rows: number): AsyncGenerator<Application[]> {
  for (let offset = 0; offset < rows; offset += BATCH) {
    yield await Application.findAll({
      where,
      order: [
        ['completedAt', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: Math.min(BATCH, rows - offset),
      offset,
    });
  }
}

export interface BillingExportFile {
  body: Buffer;
  filename: string;
  rows: number;
  total: number;
}

/**
 * 立户导出: the applications completed in the range, one row each, under the administrator's
 * column headers. CSV is UTF-8 with a BOM and CRLF line ends (Excel in China opens it as Chinese,
 * import tools read it as RFC 4180); Excel through the library the list export uses. Audited (who,
 * range, format, rows) before the file is made.
 */
export async function exportBilling(
  user: AuthUser,
  query: BillingExportQuery,
  format: BillingExportFormat,
  ip: string,
): Promise<BillingExportFile> {
  const now = new Date();
  const where = completedWithin(query);
  const [columns, total] = await Promise.all([billingColumns(), Application.count({ where })]);
  const rows = Math.min(total, EXPORT_MAX_ROWS);
  await withTransaction(services().sequelize, (t) =>
    recordAudit(
      {
        actorUserId: user.id,
        action: 'billing.export',
        targetType: 'applications',
        data: { from: query.from, to: query.to, format, rows, total },
        ip,
      },
      t,
      now,
    ),
  );
  const included = columns.filter((c) => c.included);
  const headers = billingHeaderRow(columns);
  const stamp = chinaDateTime(now).replace(/[-: ]/g, '').slice(0, 12);
  const filename = `立户导出-${query.from}至${query.to}-${stamp}.${format}`;

  if (format === 'csv') {
    const lines = [headers.map(csvCell).join(',')];
    for await (const apps of batches(where, rows)) {
      for (const app of apps) {
        const values = fieldValues(app);
        lines.push(included.map((c) => csvCell(String(values[c.field]))).join(','));
      }
    }
    return { body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), filename, rows, total };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = user.displayName;
  workbook.created = now;
  const sheet = workbook.addWorksheet('立户', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = included.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(10, c.header.length * 2 + 2, c.field === 'waterAddress' || c.field === 'address' ? 36 : 0),
    // 表号 and phone numbers stay text: a leading zero must survive.
    style: c.field === 'initialReading' ? {} : { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for await (const apps of batches(where, rows)) {
    for (const app of apps) {
      const values = fieldValues(app);
      sheet.addRow(Object.fromEntries(included.map((c) => [c.field, values[c.field]])));
    }
  }
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), filename, rows, total };
}
