import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './build/precompress.ts';

const apiTarget = process.env.GLOWDESK_API_URL ?? 'http://localhost:3000';

/**
 * React and the router change rarely: long-cached chunks of their own, so a release of app
 * code re-downloads only the app. Everything else (Mantine, TanStack Query,
 * zod, the date pickers) is left to the bundler's own splitting, so each page fetches only
 * the modules it renders: one chunk holding all of Mantine made the sign-in page download
 * every component the app has.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  // Its own chunk: the booking page has no router and leaves it out.
  { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
];

/**
 * Three entry pages: index.html for the staff control center, portal.html for the patient
 * portal (`/portal/<slug>/…`) and book.html for the online booking page (`/book/<slug>/…`),
 * each with its own bundle; the server sends portal.html and book.html for every path under
 * theirs, and so does the development server here.
 */
const entryPages = {
  staff: fileURLToPath(new URL('index.html', import.meta.url)),
  portal: fileURLToPath(new URL('portal.html', import.meta.url)),
  book: fileURLToPath(new URL('book.html', import.meta.url)),
};

function patientPagesInDevelopment(): Plugin {
  return {
    name: 'glowdesk-patient-pages',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        if (request.url && /^\/portal(\/|$|\?)/.test(request.url)) request.url = '/portal.html';
        else if (request.url && /^\/book(\/|$|\?)/.test(request.url)) request.url = '/book.html';
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress(), patientPagesInDevelopment()],
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
    rolldownOptions: { input: entryPages, output: { codeSplitting: { groups: vendorChunks } } },
  },
});
