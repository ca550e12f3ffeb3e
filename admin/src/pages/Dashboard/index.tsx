import { Card, Col, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { chinaDate } from '../../labels';
import { useErrorHandler } from '../../requestErrorConfig';
import type { DashboardView } from '../../types';
import type { ChartOption } from './EChart';
import { fetchDashboard } from './service';
import { RatingsPanel } from './RatingsPanel';
import { ReasonsPanel } from './ReasonsPanel';
import { SlowStepsPanel } from './SlowStepsPanel';
import './dashboard.css';
import { usePhone } from '../../hooks/usePhone';

const EChart = lazy(() => import('./EChart'));

const PERIODS = [
  { value: 30, label: '近30天' },
  { value: 90, label: '近90天' },
  { value: 365, label: '近一年' },
];
const RED = '#cf1322';
const BLUE = '#1668dc';

/** Steps along the bottom on a PC; on a phone down the side, so each label stays readable. */
function axes(labels: string[], unit: string, horizontal: boolean, minInterval?: number) {
  const category = { type: 'category', data: labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 40 }, inverse: horizontal };
  const value = { type: 'value', name: unit, minInterval };
  return horizontal ? { yAxis: category, xAxis: value } : { xAxis: category, yAxis: value };
}

function countOption(rows: DashboardView['byState'], horizontal: boolean): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['未超时', '超时'], top: 0, right: 0 },
    grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
    ...axes(
      rows.map((r) => r.label),
      '件',
      horizontal,
      1,
    ),
    series: [
      { name: '未超时', type: 'bar', stack: 'n', data: rows.map((r) => r.count - r.overdue), itemStyle: { color: BLUE } },
      { name: '超时', type: 'bar', stack: 'n', data: rows.map((r) => r.overdue), itemStyle: { color: RED } },
    ],
  };
}

function cycleOption(rows: DashboardView['cycleTimes'], horizontal: boolean): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['P50', 'P90', '阈值'], top: 0, right: 0 },
    grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
    ...axes(
      rows.map((r) => r.label),
      '小时',
      horizontal,
    ),
    series: [
      { name: 'P50', type: 'bar', data: rows.map((r) => r.p50Hours), itemStyle: { color: '#69b1ff' } },
      { name: 'P90', type: 'bar', data: rows.map((r) => r.p90Hours), itemStyle: { color: BLUE } },
      {
        name: '阈值',
        type: 'scatter',
        symbol: 'rect',
        symbolSize: horizontal ? [3, 14] : [26, 3],
        data: rows.map((r) => r.thresholdHours),
        itemStyle: { color: RED },
        z: 3,
      },
    ],
  };
}

const chart = (option: ChartOption, label: string, height = 320) => (
  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
    <EChart option={option} label={label} height={height} />
  </Suspense>
);

/** 统计看板: how many applications wait in each step, how many are overdue, and how long steps take. */
export default function DashboardPage() {
  const [days, setDays] = useState(90);
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [data, setData] = useState<DashboardView | null>(null);
  const handleError = useErrorHandler();
  const phone = usePhone();

  useEffect(() => {
    const controller = new AbortController();
    const to = chinaDate(new Date());
    const from = chinaDate(new Date(Date.now() - (days - 1) * 86_400_000));
    fetchDashboard({ from, to, kind }, controller.signal)
      .then(({ data: d }) => setData(d))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          handleError(error);
        }
      });
    return () => controller.abort();
  }, [days, kind, handleError]);

  const running = useMemo(() => (data ? data.byState.filter((s) => !s.terminal) : []), [data]);
  const flows = useMemo(() => {
    const map = new Map<string, { label: string; rows: DashboardView['cycleTimes'] }>();
    for (const row of data?.cycleTimes ?? []) {
      const entry = map.get(row.flow) ?? { label: row.flowLabel, rows: [] };
      entry.rows.push(row);
      map.set(row.flow, entry);
    }
    return [...map.entries()];
  }, [data]);

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>统计看板</Typography.Title>
        <Space wrap>
          <Segmented options={PERIODS} value={days} onChange={(v) => setDays(Number(v))} />
          <Select
            value={kind ?? 'all'}
            style={{ width: 120 }}
            onChange={(v: string) => setKind(v === 'all' ? undefined : v)}
            options={[
              { value: 'all', label: '全部用户' },
              { value: 'enterprise', label: '企业单位' },
              { value: 'resident', label: '居民' },
            ]}
          />
        </Space>
      </div>
      {!data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Row gutter={[12, 12]} className="dashboard-stats">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="办理中" value={data.summary.active} suffix="件" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="已超时"
                  value={data.summary.overdue}
                  suffix="件"
                  styles={{ content: { color: data.summary.overdue ? RED : undefined } }}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="期间新增" value={data.summary.created} suffix="件" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="期间完成" value={data.summary.completed} suffix="件" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="各步骤在办数量与超时" className="dashboard-card">
            {chart(countOption(running, phone), '各步骤在办数量柱状图，红色为超时', phone ? 60 + running.length * 22 : 320)}
            <Table
              size="small"
              rowKey="state"
              pagination={false}
              dataSource={running.filter((r) => r.count > 0)}
              locale={{ emptyText: '目前没有办理中的报装' }}
              scroll={{ x: 360 }}
              columns={[
                { title: '步骤', dataIndex: 'label' },
                { title: '在办（件）', dataIndex: 'count', align: 'right' },
                {
                  title: '超时（件）',
                  dataIndex: 'overdue',
                  align: 'right',
                  render: (v: number) => <span className={v > 0 ? 'elapsed-overdue' : undefined}>{v}</span>,
                },
              ]}
            />
          </Card>
          <Card size="small" title={`各步骤办理时长（${data.from} 至 ${data.to} 完成的步骤）`} className="dashboard-card">
            <Typography.Paragraph type="secondary">
              P50：一半的办理在此时长内完成；P90：九成在此时长内完成；红色短线为阈值（工作日按每天24小时折算）。只计本单位用时，不含等待用户的时间。
            </Typography.Paragraph>
            <Tabs
              items={flows.map(([flow, { label, rows }]) => ({
                key: flow,
                label,
                children: (
                  <>
                    {chart(
                      cycleOption(rows, phone),
                      `${label}各步骤办理时长P50与P90柱状图，红线为阈值`,
                      phone ? 60 + rows.length * 30 : 320,
                    )}
                    <Table
                      size="small"
                      rowKey="state"
                      pagination={false}
                      dataSource={rows}
                      scroll={{ x: 520 }}
                      columns={[
                        { title: '步骤', dataIndex: 'label' },
                        { title: '样本（次）', dataIndex: 'count', align: 'right' },
                        { title: 'P50（小时）', dataIndex: 'p50Hours', align: 'right', render: (v: number | null) => v ?? '—' },
                        {
                          title: 'P90（小时）',
                          dataIndex: 'p90Hours',
                          align: 'right',
                          render: (v: number | null, r) => (
                            <span
                              className={v !== null && r.thresholdHours !== null && v > r.thresholdHours ? 'elapsed-overdue' : undefined}
                            >
                              {v ?? '—'}
                            </span>
                          ),
                        },
                        { title: '阈值', dataIndex: 'thresholdText', render: (v: string | null) => v ?? '未设' },
                      ]}
                    />
                  </>
                ),
              }))}
            />
          </Card>
          <SlowStepsPanel from={data.from} to={data.to} kind={kind} />
          <ReasonsPanel from={data.from} to={data.to} kind={kind} />
          <RatingsPanel from={data.from} to={data.to} kind={kind} />
        </>
      )}
    </div>
  );
}
