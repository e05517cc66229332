import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served by Tributary itself at `/`, so assets are absolute and the build goes to
 * `console/dist`, which `src/http/console-static.ts` serves. Editors and the chart are split into
 * their own chunks so the first page loads without them.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router', '@tanstack/react-query'],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/event': 'http://127.0.0.1:8080' } },
});
