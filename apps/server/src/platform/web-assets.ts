import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './http-errors.ts';

export interface WebAssetsOptions {
  /** Production keeps the build's source maps to itself (they would publish the app's source). */
  production: boolean;
}

/** Files the web build writes brotli (.br) and gzip (.gz) copies of (see apps/web/build/precompress.ts). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)(\.br|\.gz)?$/;
const HASHED_FILE_CACHE = 'public, max-age=31536000, immutable';

/** The patient portal's pages (`/portal/<slug>/…`) and the booking page (`/book/<slug>/…`) are entry pages with bundles of their own. */
const PORTAL_PATH = /^\/portal(\/|$)/;
const BOOK_PATH = /^\/book(\/|$)/;

/**
 * Serves the built web app (apps/web/dist) and answers browser navigations to client-side
 * routes with the right entry page: portal.html under /portal/, book.html under /book/,
 * index.html (the staff app) elsewhere. Returns false when no build exists.
 *
 * Files go out as the build precompressed them, brotli or gzip as the browser's
 * Accept-Encoding prefers (Vary says so to caches). Files under assets/ carry a content hash
 * in their names, so browsers keep them for a year without asking again; everything else
 * (index.html above all, which names the current hashes) is revalidated on every use.
 */
export async function registerWebAssets(app: FastifyInstance, distDir: string, options: WebAssetsOptions): Promise<boolean> {
  const staffEntry = join(distDir, 'index.html');
  if (!existsSync(staffEntry)) return false;
  const hasPortalEntry = existsSync(join(distDir, 'portal.html'));
  const hasBookEntry = existsSync(join(distDir, 'book.html'));
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // Our own headers below; send's default (max-age=0) would replace them.
    cacheControl: false,
    allowedPath: (pathname) => !(options.production && pathname.endsWith('.map')),
    setHeaders(reply, path) {
      const inAssets = relative(distDir, path).startsWith(`assets${sep}`);
      reply.setHeader('cache-control', inAssets ? HASHED_FILE_CACHE : 'no-cache');
      if (COMPRESSIBLE.test(path)) reply.setHeader('vary', 'accept-encoding');
    },
  });
  // The router falls back to this catch-all when a path parameter is longer than its limit,
  // so an API path lands here instead of failing with FST_ERR_MAX_PARAM_LENGTH: answer it
  // as the router would have.
  const maxParamLength = app.initialConfig.maxParamLength ?? 100;
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') && path.split('/').some((segment) => segment.length > maxParamLength)) {
      return sendProblem(request, reply, { status: 414, code: 'path_parameter_too_long', detail: 'A value in the path is too long.' });
    }
    if (path.startsWith('/api/') || path.startsWith('/assets/')) {
      return reply.callNotFound();
    }
    if (hasPortalEntry && PORTAL_PATH.test(path)) return reply.sendFile('portal.html');
    if (hasBookEntry && BOOK_PATH.test(path)) return reply.sendFile('book.html');
    return reply.sendFile('index.html');
  });
  return true;
}
