import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerWebAssets } from './web-assets.ts';

const script = `export const greeting = ${JSON.stringify('hello '.repeat(400))};\n`;
const page = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body></body></html>';
const portalPage = '<!doctype html><html><head><script type="module" src="/assets/portal-def456.js"></script></head><body></body></html>';
const bookPage = '<!doctype html><html><head><script type="module" src="/assets/book-0a1b2c.js"></script></head><body></body></html>';

/** A build as apps/web writes it: hashed files with brotli and gzip copies and a source map. */
function writeBuild(folder: string): void {
  mkdirSync(join(folder, 'assets'));
  writeFileSync(join(folder, 'index.html'), page);
  writeFileSync(join(folder, 'portal.html'), portalPage);
  writeFileSync(join(folder, 'book.html'), bookPage);
  writeFileSync(join(folder, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const scriptPath = join(folder, 'assets/index-abc123.js');
  writeFileSync(scriptPath, script);
  writeFileSync(`${scriptPath}.br`, brotliCompressSync(script));
  writeFileSync(`${scriptPath}.gz`, gzipSync(script));
  writeFileSync(`${scriptPath}.map`, '{"version":3,"sources":["../src/secret.ts"],"mappings":""}');
}

describe('registerWebAssets', () => {
  let distDir: string;
  let app: FastifyInstance;

  async function serve(production: boolean): Promise<FastifyInstance> {
    app = Fastify();
    await registerWebAssets(app, distDir, { production });
    await app.ready();
    return app;
  }

  beforeEach(() => {
    distDir = mkdtempSync(join(tmpdir(), 'glowdesk-web-assets-'));
    writeBuild(distDir);
  });

  afterEach(async () => {
    await app.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('sends the brotli copy to a browser that accepts brotli, with the script type and Vary', async () => {
    const response = await (
      await serve(true)
    ).inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it('sends the gzip copy when brotli is not accepted, and the file itself when nothing is', async () => {
    await serve(true);
    const gzipped = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(script);
  });

  it('lets browsers keep hashed files for a year and revalidate the entry page and other files', async () => {
    await serve(true);
    const hashed = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br' } });
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const url of ['/', '/index.html', '/appointments?date=2026-12-08', '/favicon.svg']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    const navigation = await app.inject({ url: '/clients/123' });
    expect(navigation.body).toBe(page);
  });

  it('answers navigations under /portal/ with the portal page, revalidated on every visit', async () => {
    await serve(true);
    for (const url of ['/portal/demo', '/portal/demo/', '/portal/demo/appointments?scope=past', '/portal/unknown-clinic', '/portal']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(portalPage);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers navigations under /book/ with the booking page, revalidated on every visit', async () => {
    await serve(true);
    for (const url of ['/book/demo', '/book/demo/', '/book/demo/anything?clinic=1', '/book/unknown-clinic', '/book']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(bookPage);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('keeps the staff page for paths that only begin like the booking page, and leaves the public booking API alone', async () => {
    await serve(true);
    expect((await app.inject({ url: '/books' })).body).toBe(page);
    expect((await app.inject({ url: '/settings/book' })).body).toBe(page);
    const api = await app.inject({ url: '/api/v1/public/demo/booking-catalog' });
    expect(api.statusCode).toBe(404);
    expect(api.body).not.toBe(bookPage);
  });

  it('keeps the staff page for paths that only begin like the portal, and leaves the portal API alone', async () => {
    await serve(true);
    expect((await app.inject({ url: '/portals' })).body).toBe(page);
    expect((await app.inject({ url: '/settings/portal' })).body).toBe(page);
    const api = await app.inject({ url: '/api/v1/portal/demo' });
    expect(api.statusCode).toBe(404);
    expect(api.body).not.toBe(portalPage);
  });

  it('does not serve source maps in production', async () => {
    const response = await (await serve(true)).inject({ url: '/assets/index-abc123.js.map' });
    expect(response.statusCode).toBe(404);
  });

  it('serves source maps outside production, for debugging a local build', async () => {
    const response = await (await serve(false)).inject({ url: '/assets/index-abc123.js.map' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('secret.ts');
  });

  it('answers a missing hashed file with 404, not the entry page', async () => {
    const response = await (await serve(true)).inject({ url: '/assets/index-old999.js' });
    expect(response.statusCode).toBe(404);
  });

  it('answers an API path with an over-long segment with 414, as the router does without a build', async () => {
    const response = await (await serve(true)).inject({ url: `/api/v1/resources/${'a'.repeat(600)}` });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'path_parameter_too_long' });
  });
});
