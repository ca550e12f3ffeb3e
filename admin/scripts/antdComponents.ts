/**
 * The antd components whose CSS the staff page needs: those src/ imports from 'antd', plus the ones
 * antd renders inside them. Only these go into the build-time stylesheet (extractAntdCss.ts) — the
 * whole of antd was 1.0 MB of CSS the browser matched on every style recalculation.
 *
 * Sub-components (Typography.Text, Form.Item, Layout.Sider, Space.Compact, Input.Search, …) share
 * their parent's styles; the extractor renders those variants with the parent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Components antd renders inside another one, whose styles that one therefore needs too (from
 * antd 6's sources: Table's pagination, selection, filter dropdown and loading; Select's and
 * List's empty state; Upload's progress list; Modal's and Popconfirm's buttons; …). A screenshot
 * of the page with and without a name showing no difference is what kept it out.
 */
const RENDERED_INSIDE: Record<string, string[]> = {
  Card: ['Tabs', 'Skeleton'],
  DatePicker: ['Button'],
  Dropdown: ['Menu'],
  Form: ['Row', 'Col', 'Tooltip'],
  Input: ['Button'],
  List: ['Spin', 'Pagination', 'Empty', 'Row', 'Col'],
  Menu: ['Tooltip'],
  Modal: ['Button'],
  Pagination: ['Select', 'Input'],
  Popconfirm: ['Popover', 'Button'],
  QRCode: ['Spin', 'Button'],
  Select: ['Empty'],
  Space: ['Button'],
  Statistic: ['Skeleton'],
  Table: ['Pagination', 'Checkbox', 'Radio', 'Dropdown', 'Spin', 'Empty', 'Tooltip', 'Input', 'Button', 'Menu'],
  Tabs: ['Dropdown', 'Menu'],
  Typography: ['Tooltip', 'Input'],
  Upload: ['Progress', 'Tooltip', 'Button'],
};

/** Every value imported from 'antd' in the files under `dir` (type-only imports left out). */
export function importedAntdNames(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (/\.tsx?$/.test(entry.name)) {
        for (const m of readFileSync(file, 'utf8').matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'antd'/g)) {
          if (m[1]) {
            continue;
          }
          for (const spec of (m[2] ?? '').split(',')) {
            const name = spec.trim().split(/\s+as\s+/)[0];
            if (name && !name.startsWith('type ')) {
              names.add(name);
            }
          }
        }
      }
    }
  };
  walk(dir);
  return names;
}

/** The imported components with everything antd renders inside them, sorted. */
export function antdComponents(srcDir: string): string[] {
  const out = new Set<string>();
  const add = (name: string): void => {
    if (out.has(name)) {
      return;
    }
    out.add(name);
    for (const inner of RENDERED_INSIDE[name] ?? []) {
      add(inner);
    }
  };
  // message and ConfigProvider's default renderEmpty (Empty) are used by every page.
  for (const name of [...importedAntdNames(srcDir), 'Empty', 'message']) {
    add(name);
  }
  return [...out].sort();
}
