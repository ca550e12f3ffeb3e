import { Alert, Button, Card, Form, Input, InputNumber, Radio, Result, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ADDRESS_LABELS,
  APPLICANT_KIND_LABELS,
  ATTACHMENT_CATEGORIES,
  CALIBERS,
  NAME_LABELS,
  WATER_TYPES_BY_KIND,
  WATER_TYPE_LABELS,
  applicationFormSchema,
  caliberLabel,
  materialSlots,
  missingMaterialsMessage,
  type ApplicantKind,
  type ApplicationFormInput,
  type DuplicateApplicationView,
} from '@wc/shared';
import { DuplicateAlert } from '../../components/DuplicateAlert';
import { useMessage } from '../../feedback';
import { useRequest } from '../../hooks/useRequest';
import { newIdempotencyKey } from '../../request';
import { errorText, useErrorHandler, validateWith } from '../../requestErrorConfig';
import { listAttachments, uploadAttachment } from '../../services/attachments';
import { fetchMaterialSettings } from '../../services/materials';
import type { Application } from '../../types';
import { MaterialPicker, missingPicked, type PickedFile } from './MaterialPicker';
import { createApplication, fetchApplication, findDuplicates, updateApplication } from './service';

type Values = Partial<ApplicationFormInput>;

const EMPTY: Values = { kind: 'enterprise', waterType: 'construction' };

const slotsLabel = (category: PickedFile['category']) => ATTACHMENT_CATEGORIES[category].label;

/** 窗口受理 (new application typed in at the window) and 修改申请 (a returned one, before resubmitting). */
export default function NewApplicationPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const [form] = Form.useForm<Values>();
  const kind = (Form.useWatch('kind', form) ?? 'enterprise') as ApplicantKind;
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<Application | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateApplicationView[]>([]);
  const [original, setOriginal] = useState<Application | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const message = useMessage();
  const handleError = useErrorHandler();
  const navigate = useNavigate();
  // 申请材料: the papers the clerk scans, uploaded once the application has its number.
  const materialSettings = useRequest('material-settings', (signal) => fetchMaterialSettings(signal));
  const slots = materialSettings.data ? materialSlots(materialSettings.data.data, kind) : [];
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [showMissing, setShowMissing] = useState(false);
  const [present, setPresent] = useState<string[]>([]);

  const patchPicked = (key: number, change: Partial<PickedFile>) =>
    setPicked((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  /** Uploads one picked paper to the saved application, named after the applicant (「珠江摩尔 营业执照」). */
  const uploadPicked = useCallback(async (app: Pick<Application, 'id' | 'name'>, item: PickedFile, index: number): Promise<boolean> => {
    patchPicked(item.key, { status: 'uploading', error: null });
    const label = slotsLabel(item.category);
    const name = `${app.name} ${label}${index > 0 ? ` (${index + 1})` : ''}`.slice(0, 100);
    try {
      await uploadAttachment(app.id, item.category, name, item.file, () => undefined).promise;
      patchPicked(item.key, { status: 'done' });
      return true;
    } catch (error) {
      patchPicked(item.key, { status: 'failed', error: errorText(error) });
      return false;
    }
  }, []);

  /** Every paper not yet up, one after the other (a window's network is not a data centre's). */
  const uploadAll = async (app: Pick<Application, 'id' | 'name'>, list: readonly PickedFile[]): Promise<boolean> => {
    let ok = true;
    for (const item of list.filter((p) => p.status === 'waiting' || p.status === 'failed')) {
      const index = list.filter((p) => p.category === item.category).indexOf(item);
      ok = (await uploadPicked(app, item, index)) && ok;
    }
    return ok;
  };

  useEffect(() => {
    if (!editing) {
      return;
    }
    fetchApplication(id)
      .then(({ data }) => {
        setOriginal(data);
        listAttachments(data.id)
          .then((files) => setPresent(files.data.filter((f) => f.current).map((f) => f.category)))
          .catch(() => undefined);
        form.setFieldsValue({
          kind: data.kind,
          name: data.name,
          creditCode: data.creditCode ?? undefined,
          contactName: data.contactName ?? undefined,
          contactPhone: data.contactPhone,
          address: data.address,
          waterAddress: data.waterAddress,
          waterType: data.waterType as ApplicationFormInput['waterType'],
          buildingArea: data.buildingArea,
          caliber: data.caliber ?? undefined,
          externalWorks: data.externalWorks ?? undefined,
        });
      })
      .catch((error: unknown) => handleError(error));
  }, [editing, id, form, handleError]);

  /** While typing at the window: is the same company or site already in progress? (A warning only.) */
  const checkDuplicates = () => {
    if (editing) {
      return;
    }
    const { creditCode, waterAddress } = form.getFieldsValue(['creditCode', 'waterAddress']) as Values;
    if (!creditCode?.trim() && !waterAddress?.trim()) {
      setDuplicates([]);
      return;
    }
    findDuplicates({ creditCode: creditCode?.trim() || undefined, waterAddress: waterAddress?.trim() || undefined })
      .then(({ data }) => setDuplicates(data))
      // The check helps; it never stands in the way of taking the application.
      .catch(() => undefined);
  };

  const changeKind = (next: ApplicantKind) => {
    const allowed = WATER_TYPES_BY_KIND[next];
    const waterType = form.getFieldValue('waterType') as Values['waterType'];
    form.setFieldsValue({ kind: next, waterType: waterType && allowed.includes(waterType) ? waterType : allowed[0] });
    if (next === 'resident') {
      form.setFieldsValue({ creditCode: undefined });
    }
  };

  const submit = async () => {
    const values = form.getFieldsValue(true) as Values;
    const input = { ...values, creditCode: values.kind === 'enterprise' ? (values.creditCode ?? '') : undefined };
    const parsed = validateWith(form, applicationFormSchema, input);
    if (!parsed) {
      void message.error('提交的信息有误，请检查标红的字段');
      return;
    }
    // The review would refuse it without them: ask for them now, while the applicant is at the window.
    const lacking = missingPicked(slots, picked, present);
    if (lacking.length > 0) {
      setShowMissing(true);
      void message.error(missingMaterialsMessage(lacking.map((s) => s.category)));
      return;
    }
    setSaving(true);
    try {
      if (editing && original) {
        const { data } = await updateApplication(original.id, parsed, original.version);
        if (!(await uploadAll(data, picked))) {
          void message.error('申请已修改，但有申请材料上传失败，请重试');
          setOriginal(data);
          return;
        }
        void message.success('申请已修改，请重新提交');
        // Open the action this form leads to, as offered with the saved application (by its form hint).
        const resubmit = data.availableActions.find((a) => a.form === 'correctForm');
        void navigate(`/applications/${original.id}${resubmit ? `?action=${resubmit.key}` : ''}`);
      } else {
        const { data, meta } = await createApplication(parsed, idempotencyKey.current);
        setCreated(data);
        setDuplicates(meta?.duplicates ?? []);
        idempotencyKey.current = newIdempotencyKey();
        await uploadAll(data, picked);
      }
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  if (created) {
    return (
      <Result
        status="success"
        title={`受理成功，报装编号 ${created.number}`}
        subTitle={`${created.name} · ${created.waterTypeLabel}${created.route === 'fast' ? ` · ${created.routeLabel}` : ''} · 当前状态：${created.stateLabel}`}
        extra={
          <Space orientation="vertical" align="center">
            <DuplicateAlert duplicates={duplicates} style={{ textAlign: 'left' }} />
            {picked.some((p) => p.status === 'failed') && (
              <Alert type="error" showIcon style={{ textAlign: 'left' }} title="部分申请材料上传失败，请点「重试」，或在报装详情中补传。" />
            )}
            {picked.length > 0 && (
              <div style={{ textAlign: 'left', minWidth: 320 }}>
                <MaterialPicker
                  slots={slots.filter((s) => picked.some((p) => p.category === s.category))}
                  picked={picked}
                  showMissing={false}
                  onChange={(next) => {
                    setPicked(next);
                    void uploadAll(created, next);
                  }}
                  onRetry={(item) => void uploadPicked(created, item, picked.filter((p) => p.category === item.category).indexOf(item))}
                />
              </div>
            )}
            <Space wrap>
              <Link to={`/applications/${created.id}`}>
                <Button type="primary">查看报装详情</Button>
              </Link>
              <Button
                onClick={() => {
                  setCreated(null);
                  setDuplicates([]);
                  setPicked([]);
                  setShowMissing(false);
                  form.resetFields();
                }}
              >
                继续受理
              </Button>
            </Space>
          </Space>
        }
      />
    );
  }
  if (editing && !original) {
    return <Skeleton active paragraph={{ rows: 8 }} />;
  }
  if (original && !original.permissions.edit) {
    // An old link, or a state that changed meanwhile: the server would refuse the save.
    return (
      <Result
        status="warning"
        title="当前不能修改该申请"
        subTitle="只有被退回的申请可以修改，且需由申请人或窗口受理员修改。"
        extra={
          <Link to={`/applications/${original.id}`}>
            <Button type="primary">查看报装详情</Button>
          </Link>
        }
      />
    );
  }

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>{editing ? `修改申请 · ${original?.number ?? ''}` : '窗口受理 · 新增报装'}</Typography.Title>
      </div>
      <Card style={{ maxWidth: 760 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={EMPTY}
          onFinish={submit}
          scrollToFirstError
          requiredMark
          className="application-form"
        >
          <Form.Item name="kind" label="报装用户类型" required>
            <Segmented
              block
              disabled={editing}
              options={(['enterprise', 'resident'] as const).map((k) => ({ value: k, label: APPLICANT_KIND_LABELS[k] }))}
              onChange={(v) => changeKind(v as ApplicantKind)}
            />
          </Form.Item>
          <Form.Item name="name" label={NAME_LABELS[kind]} required>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          {kind === 'enterprise' && (
            <Form.Item name="creditCode" label="社会信用代码" required extra="18位统一社会信用代码">
              <Input maxLength={18} style={{ textTransform: 'uppercase' }} autoComplete="off" onBlur={checkDuplicates} />
            </Form.Item>
          )}
          <Form.Item name="contactName" label="联系人" required={kind === 'enterprise'}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" required extra="手机号或带区号的固定电话">
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
          <Form.Item name="address" label={ADDRESS_LABELS[kind]} required>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="waterAddress" label="申请用水地址" required>
            <Input maxLength={200} onBlur={checkDuplicates} />
          </Form.Item>
          {!editing && <DuplicateAlert duplicates={duplicates} style={{ marginBottom: 16 }} />}
          <Form.Item name="waterType" label="报装类型" required>
            <Select options={WATER_TYPES_BY_KIND[kind].map((t) => ({ value: t, label: WATER_TYPE_LABELS[t] }))} />
          </Form.Item>
          <Form.Item name="buildingArea" label="建筑面积（㎡）" required>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
          {/* What the fast-track rules (快速通道) look at; an unanswered one never matches a rule on it. */}
          <Form.Item name="caliber" label="用水口径" extra="申请的水表口径">
            <Select allowClear placeholder="请选择" options={CALIBERS.map((c) => ({ value: c, label: caliberLabel(c) }))} />
          </Form.Item>
          <Form.Item name="externalWorks" label="是否涉及外线工程" extra="接水需在用户红线外敷设管道的为涉及">
            <Radio.Group
              optionType="button"
              options={[
                { value: false, label: '不涉及' },
                { value: true, label: '涉及' },
              ]}
            />
          </Form.Item>
          {slots.length > 0 && (
            <Form.Item label="申请材料" extra="扫描或拍照申请人带来的材料；带 * 的为必须材料，缺少时不能审核通过。">
              <MaterialPicker slots={slots} picked={picked} present={present} showMissing={showMissing} onChange={setPicked} />
            </Form.Item>
          )}
          <Form.Item label="申请时间">
            <Typography.Text type="secondary">{editing ? '保持原申请时间' : '提交时由系统自动记录'}</Typography.Text>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} size="large">
              {editing ? '保存修改' : '提交受理'}
            </Button>
            <Button size="large" onClick={() => navigate(-1)}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
