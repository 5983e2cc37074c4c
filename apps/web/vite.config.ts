import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const apiTarget = process.env.GLOWDESK_API_URL ?? 'http://localhost:3000';

/**
 * React and the router are on every page and change rarely: one long-cached chunk, so a
 * release of app code re-downloads only the app. Everything else (Mantine, TanStack Query,
 * zod, the date pickers) is left to the bundler's own splitting, so each page fetches only
 * the modules it renders: one chunk holding all of Mantine made the sign-in page download
 * every component the app has.
 */
const vendorChunks = [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ }];

export default defineConfig({
  plugins: [react(), precompress()],
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
    // The server does not serve the maps in production; they stay in the build for debugging it.
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: vendorChunks } } },
  },
});
