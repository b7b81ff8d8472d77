import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development Vite serves the SPA with hot reload and forwards API, webhook and legal
// paths to the server (npm run dev starts both).
const server = `http://127.0.0.1:${process.env.KIANA_DEV_SERVER_PORT ?? '3000'}`;

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/webhooks': server,
      '/legal': server,
      '/healthz': server,
      '/readyz': server,
    },
  },
});
