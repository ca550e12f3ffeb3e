/**
 * antd's styles as a stylesheet written at build time, linked before the app's own CSS.
 *
 * The page runs antd with `zeroRuntime` (src/theme.ts): antd no longer serialises and inserts each
 * component's CSS in the browser while the first screen renders (about 60 % of the vendor chunk's
 * JavaScript time of a cold list at CPU 4×). The same CSS comes from this file instead, generated
 * by scripts/extractAntdCss.ts from the page's own theme object.
 *
 * Order matters: antd's runtime put its <style> tags first in <head>, so the app's CSS (same
 * specificity, later) won over antd's — `.app-header`'s white, the page titles' size. The link is
 * therefore placed right after <title>, before the entry's stylesheet and before any page chunk's
 * CSS, which Vite appends later.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Plugin } from 'vite';

const EXTRACT = path.join(__dirname, 'extractAntdCss.ts');

/** antd's stylesheet for the page's theme (a few seconds: each component the page uses rendered once). */
function extractAntdCss(): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', EXTRACT], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 || !run.stdout.includes('.ant-btn')) {
    throw new Error(`antd stylesheet: extraction failed (${run.status ?? run.signal})\n${run.stderr}`);
  }
  return run.stdout;
}

export function antdStylesheet(): Plugin {
  let base = '/';
  let command: 'build' | 'serve' = 'build';
  let css = '';
  let fileName = 'antd.css';
  return {
    name: 'wc-antd-stylesheet',
    configResolved(config) {
      base = config.base;
      command = config.command;
    },
    buildStart() {
      css = extractAntdCss();
      if (command === 'build') {
        fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
        this.emitFile({ type: 'asset', fileName, source: css });
      }
    },
    configureServer(server) {
      server.middlewares.use(`${base}${fileName}`, (_req, res) => {
        res.setHeader('content-type', 'text/css; charset=utf-8');
        res.end(css);
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const link = `\n    <link rel="stylesheet" href="${base}${fileName}" />`;
        if (!html.includes('</title>')) {
          throw new Error('antd stylesheet: index.html has no <title> to place the link after');
        }
        return html.replace('</title>', `</title>${link}`);
      },
    },
  };
}
