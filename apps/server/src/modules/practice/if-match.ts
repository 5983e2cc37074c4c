import type { FastifyRequest } from 'fastify';

/** The raw If-Match header, for parseIfMatchVersion. */
export function ifMatchOf(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  return typeof header === 'string' ? header : undefined;
}
