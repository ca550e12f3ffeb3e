import { Button, Card, Col, Divider, Form, Input, Row, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { utilityProfileSchema, type UtilityProfileInput, type UtilityStaffView } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import { ImagePicker } from './ImagePicker';
import { loadUtility, saveUtility } from './service';
import './utility.css';

type Values = Required<{ [K in keyof UtilityProfileInput]: string }>;

/** The form's values: empty text for what is not set (the schema turns it back into "not set"). */
function toValues(p: UtilityStaffView): Values {
  return {
    name: p.name,
    shortName: p.shortName ?? '',
    address: p.address ?? '',
    phone: p.phone ?? '',
    bankName: p.bankName ?? '',
    bankAccount: p.bankAccount ?? '',
    accountName: p.accountName ?? '',
    contractPartyB: p.contractPartyB ?? '',
    paymentCounters: p.paymentCounters ?? '',
  };
}

const half = { xs: 24, md: 12 };

/** 单位信息: the utility's own details, printed on every form and shown in the H5 header. */
export default function UtilityPage() {
  const [form] = Form.useForm<Values>();
  const [profile, setProfile] = useState<UtilityStaffView | null>(null);
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    loadUtility()
      .then((p) => {
        setProfile(p);
        form.setFieldsValue(toValues(p));
      })
      .catch((error: unknown) => handleError(error));
  }, [form, handleError]);

  const submit = async () => {
    const typed = form.getFieldsValue(true) as Values;
    // Messages of the last try go; the fields still wrong get theirs again below.
    form.setFields((Object.keys(typed) as (keyof Values)[]).map((name) => ({ name, errors: [] })));
    const values = validateWith(form, utilityProfileSchema, typed);
    if (!values) {
      return;
    }
    setSaving(true);
    try {
      const saved = await saveUtility(values);
      setProfile(saved);
      form.setFieldsValue(toValues(saved));
      void message.success('单位信息已保存，打印的单据和报装网页随即使用新信息');
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="utility-page">
      <div className="page-header">
        <Typography.Title level={2}>单位信息</Typography.Title>
      </div>
      {profile && !profile.configured && (
        <Typography.Paragraph type="warning" data-testid="utility-not-configured">
          请在系统管理→单位信息中填写本单位信息（目前打印的是安装时的默认名称「{profile.name}」）。
        </Typography.Paragraph>
      )}
      <Card className="utility-card">
        {!profile ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} requiredMark>
            <Row gutter={16}>
              <Col {...half}>
                <Form.Item name="name" label="单位名称" required extra="打印在各单据抬头，例如 某某市自来水有限公司">
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="shortName" label="简称" extra="报装网页顶部显示；不填则显示单位名称">
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="address" label="地址" required>
                  <Input maxLength={120} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="phone" label="服务电话" required>
                  <Input maxLength={30} inputMode="tel" />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start" plain>
              收款账户（打印在预算书的缴费说明中，缴费时也向报装用户显示）
            </Divider>
            <Row gutter={16}>
              <Col {...half}>
                <Form.Item name="bankName" label="开户银行">
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="bankAccount" label="银行账号">
                  <Input maxLength={40} inputMode="numeric" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="accountName" label="户名">
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="contractPartyB" label="合同乙方" extra="编辑合同时预先填入；不填则用单位名称">
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="paymentCounters" label="缴费网点" extra="缴费环节向报装用户显示，例如营业厅地址、办公时间、可用的缴费方式">
                  <Input.TextArea maxLength={300} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
            <Divider titlePlacement="start" plain>
              印章与 Logo（选择图片后立即上传）
            </Divider>
            <Row gutter={16}>
              <Col {...half}>
                <Typography.Text strong>印章图片</Typography.Text>
                <ImagePicker image="seal" profile={profile} onSaved={setProfile} />
              </Col>
              <Col {...half}>
                <Typography.Text strong>Logo</Typography.Text>
                <ImagePicker image="logo" profile={profile} onSaved={setProfile} />
              </Col>
            </Row>
          </Form>
        )}
      </Card>
    </div>
  );
}
