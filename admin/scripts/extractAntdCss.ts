/**
 * Prints antd's stylesheet for the staff page's theme (src/theme.ts): each antd component the page
 * uses (antdComponents.ts; ANTD_ALL=1 for all of them), rendered on the server into @ant-design/cssinjs's cache by @ant-design/static-style-extract, the
 * documented way antd builds its own dist/antd.css (it renders the variants that register styles of
 * their own: Tag's preset and status colours, Space.Compact's buttons, Modal's confirm, message,
 * notification). Run by the Vite plugin in antdStylesheet.ts; the page then runs antd with
 * `zeroRuntime` and links this file instead of generating the same CSS in the browser.
 *
 *   npx tsx admin/scripts/extractAntdCss.ts > antd.css
 */
import { extractStyle } from '@ant-design/static-style-extract';
import { ConfigProvider } from 'antd';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { THEME } from '../src/theme';
import { antdComponents } from './antdComponents';

const css = extractStyle({
  customTheme: (node) => createElement(ConfigProvider, { theme: THEME }, node),
  includes: process.env.ANTD_ALL === '1' ? undefined : antdComponents(fileURLToPath(new URL('../src', import.meta.url))),
});
process.stdout.write(css);
