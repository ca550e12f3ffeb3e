import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { RatingStatsView, RatingTeamView } from '@wc/shared';
import { chinaDateTime } from '@wc/shared';
import { useErrorHandler } from '../../requestErrorConfig';
import { fetchRatingStats } from './ratingsService';

interface Props {
  /** The dashboard's window (China days, inclusive) and flow. */
  from: string;
  to: string;
  kind?: string;
}

const RED = '#cf1322';
const low = (average: number) => average <= 3;

/**
 * 服务评价 on the dashboard: what customers gave once water was on — per month, per step and the
 * team (岗位) that handled it (lowest first, with each person), and the latest low ratings to follow up.
 */
export function RatingsPanel({ from, to, kind }: Props) {
  const [data, setData] = useState<RatingStatsView | null>(null);
  const handleError = useErrorHandler();

  useEffect(() => {
    const controller = new AbortController();
    fetchRatingStats({ from, to, kind }, controller.signal)
      .then(({ data: d }) => setData(d))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          handleError(error);
        }
      });
    return () => controller.abort();
  }, [from, to, kind, handleError]);

  return (
    <Card size="small" title={`服务评价（${from} 至 ${to}）`} className="dashboard-card ratings-panel" loading={!data}>
      {data && data.count === 0 ? (
        <Empty description="期间内还没有用户评价" />
      ) : (
        data && (
          <>
            <Row gutter={[12, 12]} className="dashboard-stats">
              <Col xs={12} md={6}>
                <Statistic title="平均评分" value={data.average ?? '—'} suffix="/ 5" precision={data.average === null ? undefined : 2} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="评价数" value={data.count} suffix="条" />
              </Col>
            </Row>
            <Typography.Title level={5}>按月</Typography.Title>
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={data.byMonth}
              scroll={{ x: 320 }}
              columns={[
                { title: '月份', dataIndex: 'month' },
                { title: '平均评分', dataIndex: 'average', align: 'right', render: (v: number) => v.toFixed(2) },
                { title: '评价数（条）', dataIndex: 'count', align: 'right' },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              按办理环节和岗位（评分低的在前）
            </Typography.Title>
            <Table<RatingTeamView>
              size="small"
              rowKey={(r) => `${r.state}.${r.role}`}
              pagination={false}
              dataSource={data.byTeam}
              scroll={{ x: 640 }}
              columns={[
                { title: '环节', dataIndex: 'stepLabel' },
                { title: '岗位', dataIndex: 'roleLabel' },
                {
                  title: '平均评分',
                  dataIndex: 'average',
                  align: 'right',
                  render: (v: number) => <span style={{ color: low(v) ? RED : undefined }}>{v.toFixed(2)}</span>,
                },
                { title: '评价数（条）', dataIndex: 'count', align: 'right' },
                {
                  title: '办理人（平均分 / 条）',
                  dataIndex: 'people',
                  render: (people: RatingTeamView['people']) =>
                    people.map((p) => `${p.name} ${p.average.toFixed(2)} / ${p.count}`).join('；') || '—',
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              最近的低分评价（2星及以下）
            </Typography.Title>
            <Table
              size="small"
              rowKey="applicationId"
              pagination={false}
              dataSource={data.low}
              locale={{ emptyText: '期间内没有低分评价' }}
              scroll={{ x: 560 }}
              columns={[
                {
                  title: '报装编号',
                  dataIndex: 'number',
                  render: (v: string, r) => <Link to={`/applications/${r.applicationId}`}>{v}</Link>,
                },
                { title: '名称', dataIndex: 'name' },
                { title: '评分', dataIndex: 'stars', render: (v: string) => <span style={{ color: '#faad14' }}>{v}</span> },
                { title: '评价内容', dataIndex: 'comment', render: (v: string | null) => v ?? '—' },
                { title: '评价时间', dataIndex: 'createdAt', render: (v: string) => chinaDateTime(v) },
              ]}
            />
          </>
        )
      )}
    </Card>
  );
}
