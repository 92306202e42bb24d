import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API and the web app share one origin in production (the server serves dist/);
// in development the dev server forwards /api so cookies stay same-origin too.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
