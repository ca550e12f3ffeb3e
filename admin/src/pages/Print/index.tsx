import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useErrorHandler } from '../../requestErrorConfig';
import type { UtilityStaffView } from '@wc/shared';
import type { ApplicationDetail, Attachment, HistoryEntry, PrintForm, StaffSummary, StepSetting } from '../../types';
import { BudgetBook } from './BudgetBook';
import { DesignBook } from './DesignBook';
import { DispatchSheetPrint } from './DispatchSheetPrint';
import { fetchApplication, fetchHistory, fetchStepSettings, listAttachments, listStaff, loadUtility, useStaffImage } from './service';
import './print.css';

const TITLES: Record<PrintForm, string> = { dispatchSheet: '派工单', budget: '预算书', design: '施工图设计书' };

const isPrintForm = (value: string): value is PrintForm => Object.hasOwn(TITLES, value);

export interface PrintData {
  app: ApplicationDetail;
  history: HistoryEntry[];
  files: Attachment[];
  staff: StaffSummary[];
  settings: StepSetting[];
  /** The utility's own details (单位信息): letterhead, bank account, seal. */
  utility: UtilityStaffView;
  /** The seal as an object URL, once loaded (null when none was uploaded). */
  sealSrc: string | null;
}

/** When 单位信息 cannot be read, the form still prints, under the manual's generic name. */
const UNREADABLE_UTILITY: UtilityStaffView = {
  name: '自来水有限公司',
  shortName: null,
  address: null,
  phone: null,
  logoUrl: null,
  configured: false,
  bankName: null,
  bankAccount: null,
  accountName: null,
  contractPartyB: null,
  paymentCounters: null,
  sealUrl: null,
};

/** Print-ready A4 pages: 派工单, 预算书, 施工图设计书 (printing changes no state). */
export default function PrintPage() {
  const { id = '', kind: kindParam = '' } = useParams();
  const kind: PrintForm | null = isPrintForm(kindParam) ? kindParam : null;
  const [loaded, setLoaded] = useState<Omit<PrintData, 'sealSrc'> | null>(null);
  const sealSrc = useStaffImage(loaded?.utility.sealUrl);
  const [failed, setFailed] = useState(false);
  const handleError = useErrorHandler();

  useEffect(() => {
    document.title = `${kind ? TITLES[kind] : '打印'} - 用户报装管理系统`;
    Promise.all([
      fetchApplication(id),
      fetchHistory(id),
      listAttachments(Number(id)).catch(() => ({ data: [] as Attachment[] })),
      listStaff().catch(() => ({ data: [] as StaffSummary[] })),
      fetchStepSettings().catch(() => ({ data: [] as StepSetting[] })),
      loadUtility().catch(() => UNREADABLE_UTILITY),
    ])
      .then(([app, history, files, staff, settings, utility]) =>
        setLoaded({ app: app.data, history: history.data, files: files.data, staff: staff.data, settings: settings.data, utility }),
      )
      .catch((error: unknown) => {
        setFailed(true);
        handleError(error);
      });
  }, [id, kind, handleError]);

  if (!kind) {
    return <Result status="404" title="没有这种打印单据" />;
  }
  if (failed) {
    return <Result status="error" title="无法加载报装信息" />;
  }
  if (!loaded) {
    return <Skeleton active paragraph={{ rows: 12 }} style={{ padding: 24 }} />;
  }
  const printData: PrintData = { ...loaded, sealSrc };
  return (
    <div className="print-root">
      <div className="print-toolbar">
        <span>
          {TITLES[kind]} · {printData.app.number}
        </span>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      {kind === 'dispatchSheet' &&
        (printData.app.dispatchSheet ? (
          <DispatchSheetPrint data={printData} />
        ) : (
          <Alert className="print-missing" type="warning" showIcon title="尚未填写派工单" />
        ))}
      {kind === 'budget' && <BudgetBook data={printData} />}
      {kind === 'design' && <DesignBook data={printData} />}
    </div>
  );
}
