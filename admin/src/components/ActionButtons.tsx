import { Button, Space, Tooltip } from 'antd';
import type { AvailableAction } from '../labels';

/**
 * 操作: exactly the actions the server lists for this user now (`availableActions`), nothing else.
 * A guard that does not hold yet is shown as a hint; the form may still satisfy it.
 */
export function ActionButtons({
  actions,
  onAction,
  size = 'small',
  link = false,
}: {
  actions: readonly AvailableAction[];
  onAction: (action: AvailableAction) => void;
  size?: 'small' | 'middle' | 'large';
  link?: boolean;
}) {
  if (actions.length === 0) {
    return <span className="muted">—</span>;
  }
  return (
    <Space size={[4, 4]} wrap>
      {actions.map((action) => {
        const button = (
          <Button
            key={action.key}
            size={size}
            type={link ? 'link' : action.tone === 'primary' ? 'primary' : 'default'}
            danger={action.tone === 'danger'}
            onClick={() => onAction(action)}
            data-action={action.key}
            style={link ? { paddingInline: 4 } : undefined}
          >
            {action.label}
          </Button>
        );
        return action.blockedBy ? (
          <Tooltip key={action.key} title={action.blockedBy}>
            {button}
          </Tooltip>
        ) : (
          button
        );
      })}
    </Space>
  );
}
