import { Alert, Button, Card, Popconfirm, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FastTrackRuleView } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import { RuleForm } from './RuleForm';
import { fetchFastTrackRules, removeFastTrackRule, reorderFastTrackRules, saveFastTrackRule } from './service';

/**
 * 快速通道规则: which new applications take their flow's shorter route (企业/居民快速通道). Rules are
 * tried in order and the first enabled one that matches decides; applications already made keep the
 * route they started on.
 */
export default function FastTrackPage() {
  const [rules, setRules] = useState<FastTrackRuleView[] | null>(null);
  const [editing, setEditing] = useState<FastTrackRuleView | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    const controller = new AbortController();
    fetchFastTrackRules(controller.signal)
      .then(({ data }) => setRules(data))
      .catch((error: unknown) => handleError(error));
    return () => controller.abort();
  }, [handleError]);

  const run = async (work: () => Promise<{ data: FastTrackRuleView[] }>, done: string) => {
    setBusy(true);
    try {
      const { data } = await work();
      setRules(data);
      void message.success(done);
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (rule: FastTrackRuleView, enabled: boolean) =>
    run(
      () => saveFastTrackRule(rule.id, { name: rule.name, enabled, conditions: rule.conditions }),
      `规则「${rule.name}」已${enabled ? '启用' : '停用'}`,
    );

  const move = (index: number, by: -1 | 1) => {
    if (!rules) {
      return;
    }
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    void run(() => reorderFastTrackRules(ids), '规则顺序已保存');
  };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>快速通道规则</Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增规则
        </Button>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12, maxWidth: 1080 }}
        title="新申请按顺序逐条比对已启用的规则，符合第一条的走快速通道（企业：勘察与预算一次完成，无派工、设计和合同；居民：无需缴费与移交），都不符合的走标准流程。修改规则只影响之后的新申请，办理中的申请仍按原流程。"
      />
      <Card style={{ maxWidth: 1080 }}>
        {!rules ? (
          <Skeleton active />
        ) : (
          <Table<FastTrackRuleView>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={rules}
            locale={{ emptyText: '暂无规则：所有申请走标准流程' }}
            columns={[
              { title: '顺序', key: 'position', width: 70, render: (_: unknown, r) => r.position },
              { title: '规则名称', dataIndex: 'name', width: 180 },
              { title: '条件', dataIndex: 'summary' },
              {
                title: '状态',
                key: 'enabled',
                width: 130,
                render: (_: unknown, r) => (
                  <Space size={6}>
                    <Switch
                      size="small"
                      checked={r.enabled}
                      disabled={busy}
                      aria-label={`启用${r.name}`}
                      onChange={(on) => void toggle(r, on)}
                    />
                    {r.enabled ? <Tag color="success">已启用</Tag> : <Tag>已停用</Tag>}
                  </Space>
                ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 230,
                render: (_: unknown, r, index) => (
                  <Space size={0}>
                    <Button type="link" size="small" aria-label={`修改${r.name}`} onClick={() => setEditing(r)}>
                      修改
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      disabled={busy || index === 0}
                      aria-label={`上移${r.name}`}
                      onClick={() => move(index, -1)}
                    >
                      上移
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      disabled={busy || index === rules.length - 1}
                      aria-label={`下移${r.name}`}
                      onClick={() => move(index, 1)}
                    >
                      下移
                    </Button>
                    <Popconfirm
                      title={`删除规则「${r.name}」？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => void run(() => removeFastTrackRule(r.id), `规则「${r.name}」已删除`)}
                    >
                      <Button type="link" size="small" danger aria-label={`删除${r.name}`}>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <RuleForm
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={(data, name) => {
          setRules(data);
          setEditing(null);
          void message.success(`规则「${name}」已保存`);
        }}
      />
    </div>
  );
}
