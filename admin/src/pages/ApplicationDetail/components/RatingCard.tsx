import { Card, Typography } from 'antd';
import { chinaDateTime, type RatingView } from '@wc/shared';

/** 服务评价 the applicant gave once the application was completed: read-only for staff. */
export function RatingCard({ rating }: { rating: RatingView }) {
  return (
    <Card size="small" title="服务评价" className="detail-section rating-card">
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <span style={{ color: '#faad14', fontSize: 18 }} aria-label={`${rating.score}星`}>
          {rating.stars}
        </span>{' '}
        <Typography.Text type="secondary">{rating.score} / 5</Typography.Text>
      </Typography.Paragraph>
      {rating.comment && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{rating.comment}</Typography.Paragraph>}
      <Typography.Text type="secondary">评价于 {chinaDateTime(rating.createdAt)}</Typography.Text>
    </Card>
  );
}
