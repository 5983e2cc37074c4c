import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web app (apps/web/dist) and answers browser navigations to client-side
 * routes with the right entry page. Returns false when no build exists.
 */
export async function registerWebAssets(app: FastifyInstance, distDir: string): Promise<boolean> {
  const staffEntry = join(distDir, 'index.html');
  if (!existsSync(staffEntry)) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders(reply, path) {
      if (path.includes('/assets/')) reply.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else reply.setHeader('cache-control', 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path.startsWith('/assets/')) {
      return reply.callNotFound();
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return true;
}
