import type { ThemeConfig } from 'antd';

/**
 * The company's blue; the page's font (global.css), which names the Chinese system font of each
 * platform (PingFang SC, Microsoft YaHei, …): antd's own list names none, and a browser that must
 * search its fallbacks for every Chinese text run lays out the first screen noticeably slower.
 * Shared with bench:admin's stack floor (bench/admin-stack), which runs antd as this page does.
 */
export const THEME: ThemeConfig = { token: { colorPrimary: '#1668dc', borderRadius: 6, fontFamily: 'inherit' } };
