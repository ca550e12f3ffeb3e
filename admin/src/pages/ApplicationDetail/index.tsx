import { ArrowLeftOutlined, EditOutlined, PrinterOutlined, ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Dropdown, Result, Row, Skeleton, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AvailableAction } from '@wc/shared';
import { ActionButtons } from '../../components/ActionButtons';
import { DossierButton } from '../../components/DossierButton';
import { DuplicateAlert } from '../../components/DuplicateAlert';
import { ElapsedText } from '../../components/ElapsedText';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { StateTag } from '../../components/StateTag';
import { UploadSlot } from '../../components/UploadSlot';
import { isApiError } from '../../request';
import { useReportError, useRequest } from '../../hooks/useRequest';
import { errorText, useErrorHandler } from '../../requestErrorConfig';
import type { Application, Attachment, PrintForm } from '../../types';
import { ActionDrawer } from './components/ActionDrawer';
import type { FieldContext } from './components/ActionFields';
import { assigneeSteps } from './components/AssigneeFields';
import { AttachmentGroups } from './components/AttachmentGroups';
import { ClaimSmsButton } from './components/ClaimSmsButton';
import { ContractCard } from './components/ContractCard';
import { Overview } from './components/Overview';
import { SheetCard } from './components/SheetCard';
import { StepMap } from './components/StepMap';
import { TransferModal } from './components/TransferModal';
import { RatingCard } from './components/RatingCard';
import { PendingHere } from '../../offline/PendingHere';
import { detailData, fetchDuplicatesOf, fetchStepSettings, listAttachments, listStaff } from './service';
import './detail.css';

const PRINT_LABELS: Record<PrintForm, string> = { dispatchSheet: '打印派工单', budget: '打印预算书', design: '打印施工图设计书' };

/** 报装详情: data, step map, contract, dispatch sheet, files, history, and the form of each available action. */
export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const handleError = useErrorHandler();

  const [transferOpen, setTransferOpen] = useState(false);

  const first = detailData(id);
  const detail = useRequest(first.key, first.load, { name: first.name });
  const attachments = useRequest(id, async (signal) => ({ list: (await listAttachments(Number(id), signal)).data, listedAt: Date.now() }));
  // Colleagues and step settings, for 确认派工 and 转交.
  const staffRequest = useRequest('staff', (signal) => listStaff(undefined, signal));
  const settingsRequest = useRequest('steps', (signal) => fetchStepSettings(signal));
  // Other applications in progress with the same credit code or water address (a warning only).
  const duplicates = useRequest(`duplicates-${id}`, (signal) => fetchDuplicatesOf(id, signal));
  const missing = isApiError(detail.error) && detail.error.status === 404;
  useReportError(missing ? undefined : detail.error, handleError);

  const app = detail.data?.app ?? null;
  const history = useMemo(() => detail.data?.history ?? [], [detail.data]);
  const files = useMemo(() => attachments.data?.list ?? [], [attachments.data]);
  const staff = useMemo(() => staffRequest.data?.data ?? [], [staffRequest.data]);
  const settings = useMemo(
    () => settingsRequest.data?.data ?? (settingsRequest.error ? [] : null),
    [settingsRequest.data, settingsRequest.error],
  );
  const filesProblem = attachments.error
    ? isApiError(attachments.error) && attachments.error.status === 404
      ? '附件服务暂不可用，请稍后再试'
      : `附件加载失败：${errorText(attachments.error)}`
    : null;
  const reloadAll = () => {
    detail.reload();
    attachments.reload();
  };

  const actionKey = params.get('action');
  const openAction = useMemo<AvailableAction | null>(
    () => (app && actionKey ? (app.availableActions.find((a) => a.key === actionKey) ?? null) : null),
    [app, actionKey],
  );

  const setAction = (key: string | null) => {
    const next = new URLSearchParams(params);
    if (key) {
      next.set('action', key);
    } else {
      next.delete('action');
    }
    setParams(next, { replace: true });
  };

  const current = useMemo(() => files.filter((f) => f.current), [files]);
  const ctx = useMemo<FieldContext | null>(() => {
    if (!app) {
      return null;
    }
    const upcoming = app.stepMap.steps.filter((s) => s.status === 'upcoming').map((s) => s.state);
    return {
      app,
      current,
      staff,
      staffLoaded: staffRequest.data !== undefined || staffRequest.error !== undefined,
      assigneeSteps: settings ? assigneeSteps(upcoming, settings, app.kind) : null,
    };
  }, [app, current, staff, settings, staffRequest.data, staffRequest.error]);

  if (missing) {
    return (
      <Result
        status="404"
        title="未找到该报装申请"
        extra={
          <Button type="primary" onClick={() => navigate('/applications')}>
            返回报装列表
          </Button>
        }
      />
    );
  }
  if (!app || !ctx) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }

  // What may be done besides actions comes with the application (`permissions`): nothing is guessed here.
  const { permissions } = app;
  const printItems = permissions.print.map((form) => ({ key: form, label: PRINT_LABELS[form] }));
  const uploaded = (file: Attachment) => {
    attachments.mutate((prev) => (prev ? { ...prev, list: [file, ...prev.list.filter((f) => f.id !== file.id)] } : prev));
    attachments.reload();
  };
  const done = (updated: Application) => {
    setAction(null);
    detail.mutate((prev) => (prev ? { ...prev, app: { ...prev.app, ...updated } } : prev));
    reloadAll();
  };

  return (
    <div>
      <div className="detail-header">
        <div className="detail-title">
          <Typography.Title level={2}>
            {app.number} · {app.name}
          </Typography.Title>
          <div className="detail-subtitle">
            <StateTag app={app} />
            <span>
              历时 <ElapsedText app={app} />
            </span>
            {!app.terminal && app.step.handlerLabel && (
              <span>
                办理：{app.step.handlerLabel}
                {app.step.assignee ? ` · ${app.step.assignee.name}` : '（待认领）'}
              </span>
            )}
          </div>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            返回
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reloadAll} loading={detail.loading}>
            刷新
          </Button>
          {permissions.edit && (
            <Link to={`/applications/${app.id}/edit`}>
              <Button icon={<EditOutlined />}>修改申请</Button>
            </Link>
          )}
          {permissions.transfer && (
            <Button icon={<SwapOutlined />} onClick={() => setTransferOpen(true)}>
              转交
            </Button>
          )}
          {printItems.length > 0 && (
            <Dropdown
              menu={{
                items: printItems,
                onClick: ({ key }) => window.open(`${import.meta.env.BASE_URL}print/${app.id}/${key}`, '_blank', 'noopener'),
              }}
            >
              <Button icon={<PrinterOutlined />}>打印</Button>
            </Dropdown>
          )}
          {permissions.export && <DossierButton app={app} />}
          {permissions.sendClaimSms && <ClaimSmsButton app={app} />}
        </Space>
      </div>

      {!app.terminal && <DuplicateAlert duplicates={duplicates.data?.data ?? []} style={{ marginBottom: 12 }} />}
      <Card size="small" title="办理" className="action-panel detail-section">
        {app.availableActions.length > 0 ? (
          <ActionButtons size="middle" actions={app.availableActions} onAction={(a) => setAction(a.key)} />
        ) : (
          <Typography.Text type="secondary">
            {app.terminal ? '报装流程已结束。' : `当前由${app.step.handlerLabel ?? '其他人员'}办理，您暂无可办理的操作。`}
          </Typography.Text>
        )}
        {actionKey && !openAction && (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title="该操作当前不可办理（状态可能已变化），请查看最新进度。" />
        )}
      </Card>

      <PendingHere applicationId={app.id} onSettled={reloadAll} />
      <Card size="small" title="流程进度" className="detail-section">
        <StepMap app={app} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" className="detail-section detail-tabs">
            <Tabs
              items={[
                { key: 'info', label: '报装信息', children: <Overview app={app} /> },
                ...(app.contract ? [{ key: 'contract', label: '合同信息', children: <ContractCard app={app} history={history} /> }] : []),
                ...(app.dispatchSheet ? [{ key: 'sheet', label: '派工单', children: <SheetCard sheet={app.dispatchSheet} /> }] : []),
                {
                  key: 'files',
                  label: `附件${files.length ? `（${files.length}）` : ''}`,
                  children: (
                    <>
                      {permissions.uploadOther && (
                        <div className="detail-other-upload">
                          <UploadSlot
                            applicationId={app.id}
                            applicationNumber={app.number}
                            category="other"
                            required={false}
                            pending={[]}
                            onUploaded={uploaded}
                          />
                        </div>
                      )}
                      <AttachmentGroups
                        files={files}
                        history={history}
                        unavailable={filesProblem}
                        listedAt={attachments.data?.listedAt ?? 0}
                        kind={app.kind}
                        upload={
                          permissions.uploadMaterials
                            ? { applicationId: app.id, applicationNumber: app.number, onUploaded: uploaded }
                            : undefined
                        }
                      />
                    </>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {app.rating && <RatingCard rating={app.rating} />}
          <Card size="small" title="报装记录" className="detail-section detail-history">
            <HistoryTimeline entries={history} totals={{ utilityMs: app.utilityMs, customerMs: app.customerMs }} applicationId={app.id} />
          </Card>
        </Col>
      </Row>

      <ActionDrawer
        action={openAction}
        ctx={ctx}
        attachments={files}
        onClose={() => setAction(null)}
        onDone={done}
        onUploaded={uploaded}
        onStale={reloadAll}
      />
      <TransferModal
        app={app}
        staff={staff}
        open={transferOpen}
        onClose={() => setTransferOpen(false)}
        onDone={(updated) => {
          setTransferOpen(false);
          done(updated);
        }}
      />
    </div>
  );
}
