import { Alert, Button, Card, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SmsSettingsView, SmsTemplateView } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import { fetchSmsSettings, removeSmsTemplate } from './service';
import { TemplateForm } from './TemplateForm';

/**
 * 短信模板: which Aliyun template each message goes out with (code + what fills each variable).
 * A message without a template is not sent by SMS; 必达 messages go by SMS even where WeChat
 * reaches the applicant and even if they turned SMS off.
 */
export default function SmsTemplatesPage() {
  const [view, setView] = useState<SmsSettingsView | null>(null);
  const [editing, setEditing] = useState<SmsTemplateView | null>(null);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    const controller = new AbortController();
    fetchSmsSettings(controller.signal)
      .then(({ data }) => setView(data))
      .catch((error: unknown) => handleError(error));
    return () => controller.abort();
  }, [handleError]);

  const remove = async (slot: SmsTemplateView) => {
    try {
      const { data } = await removeSmsTemplate(slot.key);
      setView(data);
      void message.success(`「${slot.label}」不再发送短信`);
    } catch (error) {
      handleError(error);
    }
  };

  const labelOf = (slot: SmsTemplateView, key: string) => slot.values.find((v) => v.key === key)?.label ?? key;

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>短信模板</Typography.Title>
      </div>
      {view && (
        <Alert
          type={view.live ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12, maxWidth: 980 }}
          title={
            view.live
              ? `短信已开通（签名【${view.signName ?? ''}】）。发送限制：同一号码每分钟 ${view.limits.perPhonePerMinute} 条、每小时 ${view.limits.perPhonePerHour} 条、每天 ${view.limits.perPhonePerDay} 条，全部号码每天合计 ${view.limits.totalPerDay} 条；超出的短信标为「限流」，稍后自动补发。`
              : '短信未开通（本地模式）：不会发出任何短信。开通方法见部署说明中的 ALIYUN_SMS_* 设置；模板可先在此设置好。'
          }
        />
      )}
      <Card style={{ maxWidth: 980 }}>
        {!view ? (
          <Skeleton active />
        ) : (
          <Table<SmsTemplateView>
            rowKey="key"
            size="middle"
            pagination={false}
            dataSource={view.templates}
            columns={[
              {
                title: '短信',
                key: 'label',
                width: 220,
                render: (_: unknown, r) => (
                  <Space size={4}>
                    {r.label}
                    {r.mustReach && <Tag color="red">必达</Tag>}
                  </Space>
                ),
              },
              {
                title: '模板代码',
                key: 'code',
                width: 160,
                render: (_: unknown, r) => r.template?.templateCode ?? <Typography.Text type="secondary">未设置</Typography.Text>,
              },
              {
                title: '变量',
                key: 'params',
                render: (_: unknown, r) =>
                  r.template && r.template.params.length > 0
                    ? r.template.params.map((p) => `\${${p.name}}=${labelOf(r, p.value)}`).join('，')
                    : '—',
              },
              {
                title: '状态',
                key: 'state',
                width: 110,
                render: (_: unknown, r) =>
                  !r.template ? (
                    <Tag>不发短信</Tag>
                  ) : r.template.enabled ? (
                    <Tag color="success">已启用</Tag>
                  ) : (
                    <Tag color="warning">已停用</Tag>
                  ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 150,
                render: (_: unknown, r) => (
                  <Space>
                    <Button type="link" size="small" aria-label={`设置${r.label}`} onClick={() => setEditing(r)}>
                      设置
                    </Button>
                    {r.template && (
                      <Popconfirm title={`「${r.label}」不再发送短信？`} okText="确定" cancelText="取消" onConfirm={() => void remove(r)}>
                        <Button type="link" size="small" danger aria-label={`删除${r.label}模板`}>
                          删除
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <TemplateForm
        slot={editing}
        paramMaxChars={view?.paramMaxChars ?? 35}
        onClose={() => setEditing(null)}
        onSaved={(data) => {
          const label = editing?.label ?? '';
          setView(data);
          setEditing(null);
          void message.success(`「${label}」的短信模板已保存`);
        }}
      />
    </div>
  );
}
