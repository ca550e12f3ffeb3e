import { message } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';

/**
 * Toast messages for every page. antd's <App> would also bring modal and notification code onto the
 * first screen; pages that need a confirmation dialog load it with their own chunk.
 */
type MessageApi = ReturnType<typeof message.useMessage>[0];

const MessageContext = createContext<MessageApi | null>(null);

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [api, holder] = message.useMessage({ maxCount: 3 });
  return (
    <MessageContext.Provider value={api}>
      {holder}
      {children}
    </MessageContext.Provider>
  );
}

/** `message.success(…)`, `message.error(…)` themed like the page. */
export function useMessage(): MessageApi {
  const api = useContext(MessageContext);
  if (!api) {
    throw new Error('useMessage outside FeedbackProvider');
  }
  return api;
}
