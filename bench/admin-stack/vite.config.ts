import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by bench:admin into a temporary folder and served at an address of the staff page (same
// origin, same stored login); production settings, as the staff page's own build.
export default defineConfig({
  root: __dirname,
  base: '/admin/__stack/',
  plugins: [react()],
  logLevel: 'warn',
  build: { emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
});
