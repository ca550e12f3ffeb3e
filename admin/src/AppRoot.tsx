import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router';
import { FeedbackProvider } from './feedback';
import { StableNavigateProvider } from './hooks/useStableNavigate';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';
import { THEME } from './theme';

dayjs.locale('zh-cn');

/**
 * antd generates no CSS in the browser (`zeroRuntime`): the same styles, for the same theme, come
 * from a stylesheet written at build time (scripts/antdStylesheet.ts) and linked before ours.
 */
const PAGE_THEME = { ...THEME, zeroRuntime: true };

/** Chinese locale, the company's blue, toast messages, the login and the routes. */
export function AppRoot() {
  return (
    // Button labels are shown as written (antd would space out two-character labels: 「退 回」).
    <ConfigProvider locale={zhCN} theme={PAGE_THEME} button={{ autoInsertSpace: false }}>
      <FeedbackProvider>
        <SessionProvider>
          {/* Navigations render at once, not as transitions: a transition renders the next page in
              5 ms slices that yield to the browser between them, and on a slow phone list → detail
              took twice as long (217 → 114 ms at CPU 4×). A page whose code is loaded renders
              directly (routes.tsx); one still downloading shows the loading frame in its place
              rather than the old page frozen. */}
          <BrowserRouter useTransitions={false} basename={import.meta.env.BASE_URL.replace(/\/$/, '')}>
            <StableNavigateProvider>
              <AppRoutes />
            </StableNavigateProvider>
          </BrowserRouter>
        </SessionProvider>
      </FeedbackProvider>
    </ConfigProvider>
  );
}
