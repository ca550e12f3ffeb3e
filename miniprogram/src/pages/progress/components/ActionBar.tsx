import { View } from '@tarojs/components';
import { AppButton } from '../../../components/AppButton';
import type { AvailableAction } from '../../../services/types';
import { showError } from '../../../services/request';

interface Props {
  actions: AvailableAction[];
  busy?: boolean;
  onAction: (action: AvailableAction) => void;
}

/** The actions the server offers the applicant now, exactly as given, at the bottom of the page. */
export function ActionBar({ actions, busy, onAction }: Props) {
  if (actions.length === 0) {
    return null;
  }
  return (
    <View className="action-bar">
      {actions.map((action) => (
        <AppButton
          key={action.key}
          className={`btn action-${action.key} ${action.tone === 'primary' ? 'btn--primary' : action.tone === 'danger' ? 'btn--danger' : ''} ${
            action.blockedBy ? 'btn--disabled' : ''
          }`}
          disabled={busy}
          onClick={() => (action.blockedBy ? showError(action.blockedBy) : onAction(action))}
        >
          {action.label}
        </AppButton>
      ))}
    </View>
  );
}
