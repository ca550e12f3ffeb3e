import { Alert } from 'antd';
import { DUPLICATE_MATCH_LABELS, type DuplicateApplicationView } from '@wc/shared';
import { Link } from 'react-router';

/**
 * 可能重复: applications in progress with the same credit code or water address — a warning with
 * links, never a block (the server takes the application either way).
 */
export function DuplicateAlert({ duplicates, style }: { duplicates: readonly DuplicateApplicationView[]; style?: React.CSSProperties }) {
  if (duplicates.length === 0) {
    return null;
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={style}
      title={`可能重复：有 ${duplicates.length} 个办理中的报装与此相同`}
      description={
        <ul className="duplicate-list">
          {duplicates.map((d) => (
            <li key={d.id}>
              <Link to={`/applications/${d.id}`}>{d.number}</Link> {d.name} · {d.stateLabel} ·{' '}
              {d.matched.map((m) => DUPLICATE_MATCH_LABELS[m]).join('、')}
            </li>
          ))}
        </ul>
      }
    />
  );
}
