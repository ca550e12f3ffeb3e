import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import type Chain from 'webpack-chain';
import devConfig from './dev';
import prodConfig from './prod';

// The shared workspace is TypeScript source: Taro must compile it like our own code.
const sharedSource = path.resolve(__dirname, '..', '..', 'shared', 'src');
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * The shared workspace's modules only declare constants, schemas and functions. Saying so lets
 * webpack drop what a page does not use: the list pages need labels and error codes, not zod and
 * the form schemas (only the form pages load those).
 */
function markSharedSideEffectFree(chain: Chain) {
  chain.module.rule('shared-side-effect-free').include.add(sharedSource).end().set('sideEffects', false);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'water-connection',
    date: '2026-11-28',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp goes where project.config.json's miniprogramRoot points; H5 is served by the server at /h5.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    // Where the weapp finds the API (H5 uses its own origin); docs/miniprogram.md.
    defineConstants: {
      WC_API_BASE: JSON.stringify(isH5 ? '' : (process.env.WC_API_BASE ?? 'http://127.0.0.1:3000')),
    },
    // The in-page PDF viewer (H5 only) reads pdf.js's character maps for PDFs whose Chinese fonts are not embedded.
    copy: {
      patterns: isH5 ? [{ from: path.join(pdfjsRoot, 'cmaps'), to: 'dist-h5/static/pdfjs/cmaps' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // Taro's H5 minifier quotes every property name (for ES3 browsers); it then also writes private
    // class members as #"x", a syntax error — pdf.js (the in-page PDF viewer) is full of them.
    ...(isH5 ? { terser: { enable: true, config: { output: { quote_keys: false } } } } : {}),
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSource] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        markSharedSideEffectFree(chain);
      },
    },
    h5: {
      // React implementations of View, Text, Button, Input… instead of Stencil web components: a
      // phone runs ≈ 15 % less code before the list shows (npm run bench:h5: ≈ 1.75 s vs 2.05 s).
      useHtmlComponents: true,
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'browser', basename: '/h5' },
      compile: { include: [sharedSource] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // Taro splits only the initial chunk, so every lazily loaded page would carry its own copy
        // of Taro's components, zod and the shared workflow (≈430 KB each). Share them instead, in
        // chunks per group of pages, so the first screen does not load what only the forms use.
        chain.optimization.splitChunks({
          chunks: 'all',
          hidePathInfo: true,
          minSize: 20_000,
          cacheGroups: {
            default: { minChunks: 2, priority: -20, reuseExistingChunk: true },
            defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: -10, reuseExistingChunk: true },
          },
        });
        markSharedSideEffectFree(chain);
        // Taro's H5 request carries polyfills for browsers without fetch/AbortController and a JSONP
        // client; every browser that opens these pages (WeChat's included) has both, and nothing
        // here uses JSONP. Leaving them out shortens what a phone must run before the first screen.
        const empty = path.resolve(__dirname, 'empty.js');
        chain.resolve.alias
          .set('whatwg-fetch$', empty)
          .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', empty)
          .set('jsonp-retry$', empty);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
