import { Alert, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { chinaDateTime } from '../../labels';
import type { BudgetPreview } from '../../types';
import { ApplicationRows, Letterhead, Signatures, lastEntry, printedAt } from './common';
import { PaymentNotice } from './PaymentNotice';
import type { PrintData } from './index';
import { money, rmbUpper } from './money';
import { previewBudget } from './service';

/** 预算书: the confirmed budget's items and total, for the leader's signature and the company seal. */
export function BudgetBook({ data }: { data: PrintData }) {
  const { app, files, history, utility, sealSrc } = data;
  const budget = files.find((f) => f.category === 'budget' && f.current);
  const [preview, setPreview] = useState<BudgetPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!budget) {
      return;
    }
    previewBudget(budget.id)
      .then(({ data: p }) => setPreview(p))
      .catch((error: unknown) => setProblem((error as Error).message));
  }, [budget]);

  if (!budget) {
    return <Alert className="print-missing" type="warning" showIcon title="尚未上传预算书" />;
  }
  const confirmed = [...history]
    .reverse()
    .find(
      (e) => e.milestone === 'designConfirmed' && (e.payload.budget as { attachmentId?: number } | undefined)?.attachmentId === budget.id,
    );
  const author = lastEntry(history, 'designSubmitted');
  const total = preview?.total ?? app.budgetTotal;
  return (
    <article className="print-page" data-testid="budget-book">
      <Letterhead utility={utility} />
      <h1 className="print-title">供水工程预算书</h1>
      {!confirmed && <div className="print-warning">本预算书尚未经报装用户确认，仅供内部核对。</div>}
      <ApplicationRows
        app={app}
        extra={[
          ['预算文件', budget.displayName],
          ['用户确认', confirmed ? `已确认（${chinaDateTime(confirmed.at)}）` : '未确认'],
        ]}
      />
      <div className="print-section">预算明细</div>
      {problem && <div className="print-warning">预算明细无法读取（{problem}），请附预算文件原件。</div>}
      {!preview && !problem ? (
        <Skeleton active />
      ) : (
        <table className="print-table">
          <thead>
            <tr>
              <th style={{ width: '10mm' }}>序号</th>
              <th>项目名称</th>
              <th>规格</th>
              <th style={{ width: '14mm' }}>单位</th>
              <th style={{ width: '18mm' }}>数量</th>
              <th style={{ width: '24mm' }}>单价（元）</th>
              <th style={{ width: '28mm' }}>金额（元）</th>
            </tr>
          </thead>
          <tbody>
            {(preview?.items ?? []).map((item, i) => (
              <tr key={`${item.name}-${i}`}>
                <td className="num">{i + 1}</td>
                <td>{item.name}</td>
                <td>{item.spec ?? ''}</td>
                <td>{item.unit ?? ''}</td>
                <td className="num">{item.quantity ?? ''}</td>
                <td className="num">{money(item.price)}</td>
                <td className="num">{money(item.amount)}</td>
              </tr>
            ))}
            <tr>
              <th colSpan={6}>合计（小写）</th>
              <td className="num">{money(total)}</td>
            </tr>
            <tr>
              <th colSpan={2}>合计（大写）</th>
              <td colSpan={5}>{total !== null && total !== undefined ? `人民币${rmbUpper(total)}` : ''}</td>
            </tr>
          </tbody>
        </table>
      )}
      <PaymentNotice utility={utility} total={total ?? null} />
      <Signatures
        labels={[`编制人：${author?.actor.name ?? ''}`, '审核人', '领导签字', `单位（盖章）：${utility.name}`, '用户签字', '日期']}
        sealed={{ label: `单位（盖章）：${utility.name}`, src: sealSrc }}
      />
      <div className="print-note">打印时间：{printedAt()}</div>
    </article>
  );
}
