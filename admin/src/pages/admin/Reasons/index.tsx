import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReasonCategoryView, ReasonSettingsView } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import { ReasonForm } from './ReasonForm';
import { fetchReasonSettings, removeReasonCategory, reorderReasonCategories } from './service';

/**
 * 原因类别: the list a return, refusal or rejection (退回, 派工不通过, 不同意预算, 合同审批驳回, 领导不同意,
 * 不同意设计变更) asks a reason from, besides the comment; the dashboard counts them. One that was
 * chosen can be renamed or disabled, not deleted.
 */
export default function ReasonCategoriesPage() {
  const [view, setView] = useState<ReasonSettingsView | null>(null);
  const [editing, setEditing] = useState<ReasonCategoryView | 'new' | null>(null);
  const [moving, setMoving] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    const controller = new AbortController();
    fetchReasonSettings(controller.signal)
      .then(({ data }) => setView(data))
      .catch((error: unknown) => handleError(error));
    return () => controller.abort();
  }, [handleError]);

  const move = async (index: number, by: -1 | 1) => {
    if (!view) {
      return;
    }
    const ids = view.categories.map((c) => c.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    setMoving(true);
    try {
      setView((await reorderReasonCategories(ids)).data);
    } catch (error) {
      handleError(error);
    } finally {
      setMoving(false);
    }
  };

  const remove = async (category: ReasonCategoryView) => {
    try {
      setView((await removeReasonCategory(category.id)).data);
      void message.success(`已删除「${category.label}」`);
    } catch (error) {
      handleError(error);
    }
  };

  const count = view?.categories.length ?? 0;
  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>原因类别</Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增原因类别
        </Button>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12, maxWidth: 980 }}
        title="退回、不通过、驳回、不同意时，办理人须从此列表选择原因类别并填写意见；工作台按类别统计。已被使用的类别不能删除，可以停用。"
      />
      <Card style={{ maxWidth: 980 }}>
        {!view ? (
          <Skeleton active />
        ) : (
          <Table
            rowKey="id"
            pagination={false}
            size="middle"
            className="reason-table"
            dataSource={view.categories}
            columns={[
              { title: '原因类别', dataIndex: 'label' },
              { title: '适用的操作', dataIndex: 'actionsText' },
              {
                title: '状态',
                dataIndex: 'enabled',
                render: (enabled: boolean) => (enabled ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
              },
              { title: '已使用', dataIndex: 'usedCount', render: (n: number) => `${n} 次` },
              {
                title: '操作',
                key: 'ops',
                render: (_: unknown, row: ReasonCategoryView, index: number) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => setEditing(row)}>
                      修改
                    </Button>
                    <Button
                      size="small"
                      aria-label={`上移${row.label}`}
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0 || moving}
                      onClick={() => void move(index, -1)}
                    />
                    <Button
                      size="small"
                      aria-label={`下移${row.label}`}
                      icon={<ArrowDownOutlined />}
                      disabled={index === count - 1 || moving}
                      onClick={() => void move(index, 1)}
                    />
                    {row.usedCount === 0 && (
                      <Popconfirm title={`删除「${row.label}」？`} okText="删除" cancelText="取消" onConfirm={() => void remove(row)}>
                        <Button size="small" danger>
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
      {view && (
        <ReasonForm
          editing={editing}
          actions={view.actions}
          onClose={() => setEditing(null)}
          onSaved={(data, label) => {
            setView(data);
            setEditing(null);
            void message.success(`原因类别「${label}」已保存`);
          }}
        />
      )}
    </div>
  );
}
