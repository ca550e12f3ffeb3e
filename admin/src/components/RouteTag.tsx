import { Tag } from 'antd';
import type { ApplicationView } from '@wc/shared';

/** 快速通道 beside an application's name; the usual route goes unmarked. The label is the server's. */
export function RouteTag({ app }: { app: Pick<ApplicationView, 'route' | 'routeLabel'> }) {
  if (app.route === 'standard') {
    return null;
  }
  return (
    <Tag color="gold" className="route-tag" data-route={app.route} style={{ marginInlineStart: 6 }}>
      {app.routeLabel}
    </Tag>
  );
}
