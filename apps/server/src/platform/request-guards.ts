import type { FastifyInstance } from 'fastify';
import { ValidationError } from './errors.ts';

/**
 * Checks every API request passes before its route's schema sees it:
 * - no text holds the NUL character (U+0000): PostgreSQL cannot store it in text or jsonb,
 *   so it would fail deep inside a transaction instead of at the door;
 * - a route that declares no body refuses one, so a client that sends fields to it learns
 *   that they were not read. A route that reads its own raw body (a webhook) gets a Buffer
 *   and is left to it.
 */
export function registerRequestGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config?.access === undefined) return;
    const { body } = request;
    if (Buffer.isBuffer(body)) return;
    if (body !== undefined && request.routeOptions.schema?.body === undefined) {
      throw new ValidationError('This request takes no body.', { field: 'body', code: 'body_not_expected' });
    }
    for (const [container, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', body],
    ] as const) {
      const field = pathToNul(value, '');
      if (field === undefined) continue;
      const named = field || container;
      throw new ValidationError(`${named}: text may not contain the NUL character (\\u0000).`, {
        field: named,
        code: 'nul_character',
      });
    }
  });
}

/** Where in a parsed value a string (or an object key) holds NUL, as 'lines[0].name'; undefined if nowhere. */
function pathToNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathToNul(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return path;
      const found = pathToNul(item, keyPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
