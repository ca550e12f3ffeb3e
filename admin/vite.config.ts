import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { antdStylesheet } from './scripts/antdStylesheet';
import { preloadAppCode } from './scripts/preloadAppCode';

// Served by the Koa server at /admin; the dev server proxies the API to a running `npm start`.
export default defineConfig({
  base: '/admin/',
  plugins: [react(), antdStylesheet(), preloadAppCode()],
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
});
