import type { Milestone, UtilityStaffView } from '@wc/shared';
import { chinaDateTime } from '../../labels';
import type { ApplicationDetail, HistoryEntry } from '../../types';

/** The letterhead of a printed form: the utility's name, its address and service phone under it. */
export function Letterhead({ utility }: { utility: UtilityStaffView }) {
  const contact = [utility.address && `地址：${utility.address}`, utility.phone && `服务电话：${utility.phone}`].filter(Boolean);
  return (
    <div className="print-company">
      <div className="print-company-name">{utility.name}</div>
      {contact.length > 0 && <div className="print-company-contact">{contact.join('　')}</div>}
    </div>
  );
}

/** The uploaded seal, stamped over the place where the utility seals the form (nothing when none was uploaded). */
export function Seal({ src }: { src: string | null }) {
  return src ? <img className="print-seal" src={src} alt="印章" data-testid="print-seal" /> : null;
}

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

/** Signature lines; the one named by `sealed` carries the utility's seal when there is one. */
export function Signatures({ labels, sealed }: { labels: readonly string[]; sealed?: { label: string; src: string | null } }) {
  return (
    <div className="print-signatures">
      {labels.map((label) => (
        <div key={label} className={sealed?.label === label ? 'print-sealed' : undefined}>
          {label.includes('：') ? label : `${label}：`}
          {sealed?.label === label && <Seal src={sealed.src} />}
        </div>
      ))}
    </div>
  );
}
