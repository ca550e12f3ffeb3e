import { Card, Empty, Table, Tabs, Typography } from 'antd';
import { fetchSlowSteps } from './reasonsService';
import { useWindowed } from './useWindowed';

interface Props {
  from: string;
  to: string;
  kind?: string;
}

/** The figures' columns after a first one naming the step, person or team. */
function columns(title: string, name: string) {
  return [
    { title, dataIndex: name },
    { title: '次数', dataIndex: 'count', align: 'right' as const },
    { title: '中位数（小时）', dataIndex: 'p50Hours', align: 'right' as const },
    { title: 'P90（小时）', dataIndex: 'p90Hours', align: 'right' as const },
  ];
}

/**
 * 等待最久: where work waits longest on the utility's clock — per step, per person who finished the
 * step, and per team (the role they acted in), slowest (P90) first.
 */
export function SlowStepsPanel({ from, to, kind }: Props) {
  const data = useWindowed(fetchSlowSteps, from, to, kind);
  return (
    <Card size="small" title={`等待最久的环节（${from} 至 ${to}）`} className="dashboard-card slow-steps-panel" loading={!data}>
      {data && data.steps.length === 0 ? (
        <Empty description="期间内没有完成的办理步骤" />
      ) : (
        data && (
          <>
            <Typography.Paragraph type="secondary">只计本单位用时（不含等待用户的时间），按P90从长到短排列。</Typography.Paragraph>
            <Tabs
              items={[
                {
                  key: 'steps',
                  label: '按步骤',
                  children: (
                    <Table rowKey="state" size="small" pagination={false} dataSource={data.steps} columns={columns('步骤', 'label')} />
                  ),
                },
                {
                  key: 'people',
                  label: '按人员',
                  children: (
                    <Table rowKey="userId" size="small" pagination={false} dataSource={data.people} columns={columns('办理人', 'name')} />
                  ),
                },
                {
                  key: 'teams',
                  label: '按岗位',
                  children: (
                    <Table rowKey="role" size="small" pagination={false} dataSource={data.teams} columns={columns('岗位', 'roleLabel')} />
                  ),
                },
              ]}
            />
          </>
        )
      )}
    </Card>
  );
}
