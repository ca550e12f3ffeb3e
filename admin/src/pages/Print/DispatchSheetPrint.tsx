import { QRCode } from 'antd';
import { getFlow } from '@wc/shared';
import { chinaDateTime } from '../../labels';
import { ApplicationRows, Letterhead, Signatures, lastEntry, printedAt } from './common';
import type { PrintData } from './index';

/** 派工单: application data, assignees, materials, water meter and a QR code opening the application in the staff page. */
export function DispatchSheetPrint({ data }: { data: PrintData }) {
  const { app, staff, settings, history, utility, sealSrc } = data;
  const sheet = app.dispatchSheet;
  if (!sheet) {
    return null;
  }
  const names = new Map(staff.map((u) => [u.id, u.displayName]));
  // The people of the steps the flow definition puts on the sheet.
  const people = getFlow(app.kind, app.workflowVersion).sheetSteps.flatMap((state) => {
    const setting = settings.find((s) => s.flow === app.kind && s.state === state);
    if (!setting) {
      return [];
    }
    const chosen = app.assignees[state];
    const current = app.state === state ? app.step.assignee?.name : undefined;
    const name = current ?? (chosen ? names.get(chosen) : undefined) ?? setting.defaultAssignee?.name ?? '按岗位认领';
    return [{ state, label: setting.label, role: setting.handlerLabel ?? '', name }];
  });
  const dispatched = lastEntry(history, 'dispatched');
  const saved = lastEntry(history, 'dispatchSheetSaved');
  return (
    <article className="print-page" data-testid="dispatch-sheet">
      <Letterhead utility={utility} />
      <h1 className="print-title">报装工程派工单</h1>
      <div className="print-head">
        <div className="print-meta">
          <div>派工单号：{app.number}</div>
          <div>派工日期：{saved ? chinaDateTime(saved.at) : dispatched ? chinaDateTime(dispatched.at) : ''}</div>
          <div>打印时间：{printedAt()}</div>
        </div>
        <div className="print-qr" data-testid="dispatch-sheet-qr">
          <QRCode value={app.staffUrl ?? app.number} type="svg" size={96} bordered={false} />
          <div>{app.number}</div>
        </div>
      </div>
      <ApplicationRows
        app={app}
        extra={[
          ['合同编号', app.contract?.number ?? ''],
          ['缴费情况', app.paid ? '已缴费' : app.unpaidApproved ? '未缴费（经领导同意先施工）' : '未缴费'],
        ]}
      />
      <div className="print-section">派工人员</div>
      <table className="print-table">
        <thead>
          <tr>
            <th>工作内容</th>
            <th>岗位</th>
            <th>人员</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.state}>
              <td>{p.label}</td>
              <td>{p.role}</td>
              <td>{p.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="print-section">材料清单</div>
      <table className="print-table">
        <thead>
          <tr>
            <th style={{ width: '10mm' }}>序号</th>
            <th>材料名称</th>
            <th>规格型号</th>
            <th style={{ width: '16mm' }}>单位</th>
            <th style={{ width: '20mm' }}>数量</th>
            <th style={{ width: '26mm' }}>实领数量</th>
          </tr>
        </thead>
        <tbody>
          {sheet.materials.map((m, i) => (
            <tr key={`${m.name}-${i}`}>
              <td className="num">{i + 1}</td>
              <td>{m.name}</td>
              <td>{m.spec ?? ''}</td>
              <td>{m.unit}</td>
              <td className="num">{m.quantity}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="print-section">水表信息</div>
      <table className="print-table">
        <tbody>
          <tr>
            <th>水表编号</th>
            <td>{sheet.meter.number}</td>
            <th>水表口径</th>
            <td>{sheet.meter.caliber}</td>
          </tr>
          <tr>
            <th>水表型号</th>
            <td>{sheet.meter.model}</td>
            <th>初始读数</th>
            <td>{sheet.meter.initialReading ?? ''}</td>
          </tr>
          <tr>
            <th>领表日期</th>
            <td colSpan={3} />
          </tr>
        </tbody>
      </table>
      <Signatures
        labels={['派工人', '领料人', '库管员', '表库管理员', '施工负责人', '日期', '派工单位（盖章）']}
        sealed={{ label: '派工单位（盖章）', src: sealSrc }}
      />
      <div className="print-note">说明：凭本单到物资库、表库领取材料和水表；扫描二维码可在员工端打开本报装（需先登录）。</div>
    </article>
  );
}
