import type { Milestone } from '@wc/shared';
import { chinaDateTime } from '../../labels';
import type { ApplicationDetail, HistoryEntry } from '../../types';

/** The utility's name on printed forms (the manual's title: 自来水有限公司). */
export const COMPANY = '自来水有限公司';

/** The latest history entry that marks one of `milestones`, if any. */
export function lastEntry(history: readonly HistoryEntry[], ...milestones: Milestone[]): HistoryEntry | undefined {
  return [...history].reverse().find((e) => e.milestone !== null && milestones.includes(e.milestone));
}

export function printedAt(): string {
  return chinaDateTime(new Date());
}

/** The application's data as a two-column table. */
export function ApplicationRows({ app, extra = [] }: { app: ApplicationDetail; extra?: [string, string][] }) {
  const rows: [string, string][] = [
    ['报装编号', app.number],
    [app.kind === 'enterprise' ? '单位名称' : '姓名', app.name],
    ['联系人', app.contactName ?? ''],
    ['联系电话', app.contactPhone],
    ['申请用水地址', app.waterAddress],
    ['报装类型', app.waterTypeLabel],
    ['建筑面积', `${app.buildingArea} ㎡`],
    ['申请时间', chinaDateTime(app.createdAt)],
    ...extra,
  ];
  const pairs: [string, string][][] = [];
  for (let i = 0; i < rows.length; i += 2) {
    pairs.push(rows.slice(i, i + 2));
  }
  return (
    <table className="print-table">
      <tbody>
        {pairs.map((pair) => (
          <tr key={pair[0]?.[0]}>
            {pair.map(([label, value]) => (
              <FragmentCells key={label} label={label} value={value} />
            ))}
            {pair.length === 1 && <td colSpan={2} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FragmentCells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th>{label}</th>
      <td>{value}</td>
    </>
  );
}

export function Signatures({ labels }: { labels: readonly string[] }) {
  return (
    <div className="print-signatures">
      {labels.map((label) => (
        <div key={label}>{label}：</div>
      ))}
    </div>
  );
}
