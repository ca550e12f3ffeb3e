import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router';
import { FeedbackProvider } from './feedback';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

/**
 * The company's blue; the page's font (global.css), which names the Chinese system font of each
 * platform (PingFang SC, Microsoft YaHei, …): antd's own list names none, and a browser that must
 * search its fallbacks for every Chinese text run lays out the first screen noticeably slower.
 */
const THEME = { token: { colorPrimary: '#1668dc', borderRadius: 6, fontFamily: 'inherit' } };

/** Chinese locale, the company's blue, toast messages, the login and the routes. */
export function AppRoot() {
  return (
    // Button labels are shown as written (antd would space out two-character labels: 「退 回」).
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <FeedbackProvider>
        <SessionProvider>
          <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, '')}>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </FeedbackProvider>
    </ConfigProvider>
  );
}
