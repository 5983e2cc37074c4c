import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.GLOWDESK_API_URL ?? 'http://localhost:3000';

/**
 * Libraries that change rarely get their own long-cached chunks, so a release of app code
 * re-downloads only the app. Lazily loaded libraries (@mantine/dates, dayjs) stay out of them.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/, priority: 30 },
  {
    name: 'mantine',
    test: /node_modules[\\/](@mantine[\\/](core|hooks|notifications|store)|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-transition-group|tabbable|clsx)[\\/]/,
    priority: 20,
  },
  { name: 'data', test: /node_modules[\\/](@tanstack|zod)[\\/]/, priority: 10 },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // Same-origin API in development: the session cookie and the server's cross-site check both need it.
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: vendorChunks } } },
  },
});
