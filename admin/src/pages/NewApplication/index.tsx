import { Button, Card, Form, Input, InputNumber, Result, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ADDRESS_LABELS,
  APPLICANT_KIND_LABELS,
  NAME_LABELS,
  WATER_TYPES_BY_KIND,
  WATER_TYPE_LABELS,
  applicationFormSchema,
  type ApplicantKind,
  type ApplicationFormInput,
  type DuplicateApplicationView,
} from '@wc/shared';
import { DuplicateAlert } from '../../components/DuplicateAlert';
import { useMessage } from '../../feedback';
import { newIdempotencyKey } from '../../request';
import { useErrorHandler, validateWith } from '../../requestErrorConfig';
import type { Application } from '../../types';
import { createApplication, fetchApplication, findDuplicates, updateApplication } from './service';

type Values = Partial<ApplicationFormInput>;

const EMPTY: Values = { kind: 'enterprise', waterType: 'construction' };

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

  useEffect(() => {
    if (!editing) {
      return;
    }
    fetchApplication(id)
      .then(({ data }) => {
        setOriginal(data);
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
    setSaving(true);
    try {
      if (editing && original) {
        const { data } = await updateApplication(original.id, parsed, original.version);
        void message.success('申请已修改，请重新提交');
        // Open the action this form leads to, as offered with the saved application (by its form hint).
        const resubmit = data.availableActions.find((a) => a.form === 'correctForm');
        void navigate(`/applications/${original.id}${resubmit ? `?action=${resubmit.key}` : ''}`);
      } else {
        const { data, meta } = await createApplication(parsed, idempotencyKey.current);
        setCreated(data);
        setDuplicates(meta?.duplicates ?? []);
        idempotencyKey.current = newIdempotencyKey();
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
        subTitle={`${created.name} · ${created.waterTypeLabel} · 当前状态：${created.stateLabel}`}
        extra={
          <Space orientation="vertical" align="center">
            <DuplicateAlert duplicates={duplicates} style={{ textAlign: 'left' }} />
            <Space wrap>
              <Link to={`/applications/${created.id}`}>
                <Button type="primary">查看报装详情</Button>
              </Link>
              <Button
                onClick={() => {
                  setCreated(null);
                  setDuplicates([]);
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
