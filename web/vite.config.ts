import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is built into static files the API server itself serves at /app (no dev server needed).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
