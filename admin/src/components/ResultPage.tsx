import { Button, Result } from 'antd';
import { Link } from 'react-router';

const TEXT = {
  '403': { title: '没有权限', subTitle: '您的角色不能使用此功能，如需开通请联系系统管理员。' },
  '404': { title: '页面不存在', subTitle: '您访问的页面不存在或已移动。' },
} as const;

/** 403 and 404 pages (their pictures are large, so this is its own chunk). */
export default function ResultPage({ kind }: { kind: keyof typeof TEXT }) {
  return (
    <Result
      status={kind}
      title={TEXT[kind].title}
      subTitle={TEXT[kind].subTitle}
      extra={
        <Link to="/worklist">
          <Button type="primary">返回待办</Button>
        </Link>
      }
    />
  );
}
