import type { ThemeConfig } from 'antd';

/**
 * The company's blue; the page's font (global.css), which names the Chinese system font of each
 * platform (PingFang SC, Microsoft YaHei, …): antd's own list names none, and a browser that must
 * search its fallbacks for every Chinese text run lays out the first screen noticeably slower.
 *
 * antd's stylesheet for this theme is written at build time (scripts/antdStylesheet.ts) from this
 * same object, so the page and the file cannot differ. `hashed: false`, as antd's own
 * dist/antd.css: its selectors are `.ant-btn` instead of `:where(.css-…).ant-btn` — the same
 * specificity — and no hash of the token has to match between the build and the page.
 * Shared with bench:admin's stack floor (bench/admin-stack), which runs antd with this theme but
 * generates its styles in the browser, as antd does by default.
 */
export const THEME: ThemeConfig = { token: { colorPrimary: '#1668dc', borderRadius: 6, fontFamily: 'inherit' }, hashed: false };
