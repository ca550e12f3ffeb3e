/**
 * The app's code (`src/start.tsx` and the chunks it imports: React, antd, the layout and the
 * routes) asked for by the HTML itself, as `<link rel="modulepreload">`.
 *
 * The entry loads that code with `import('./start')` so that the browser paints the staff frame
 * while it downloads. Left to the entry, the download only began once the entry had been fetched,
 * parsed and run — about 250 ms after the HTML on a slow phone — and the entry's run itself was
 * spent inserting one preload link per chunk (Vite's preload helper). Listed in the HTML, the
 * browser's preload scanner fetches them with the HTML's own stylesheet and script; nothing runs
 * earlier than before (a module preload only downloads and compiles), and the helper, finding the
 * links present, adds none. Every route needs this code, the login page included.
 */
import type { Plugin } from 'vite';

const START = /\/src\/start\.tsx$/;

export function preloadAppCode(): Plugin {
  let base = '/';
  return {
    name: 'wc-preload-app-code',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((out) => (out.type === 'chunk' ? [out] : []));
        const start = chunks.find((chunk) => chunk.isDynamicEntry && chunk.moduleIds.some((id) => START.test(id)));
        if (!start) {
          throw new Error('preloadAppCode: no chunk for src/start.tsx');
        }
        // start and everything it imports statically, but the entry (the page's own script tag).
        const files: string[] = [];
        const visit = (fileName: string) => {
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (files.includes(fileName) || chunk?.isEntry) {
            return;
          }
          files.push(fileName);
          for (const dep of chunk?.imports ?? []) {
            visit(dep);
          }
        };
        visit(start.fileName);
        // Same href and crossorigin as Vite's preload helper writes, so that it finds them present.
        const links = files.map((file) => `  <link rel="modulepreload" crossorigin href="${base}${file}" />\n  `).join('');
        return html.replace('</head>', `${links}</head>`);
      },
    },
  };
}
