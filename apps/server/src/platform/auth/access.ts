import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { StaffRole } from './roles.ts';

/**
 * What every API route declares in `config.access`:
 * - `public`: anyone, no session needed (login, health);
 * - `{ staff: roles }`: a signed-in staff member with one of the roles.
 */
export type RouteAccess = 'public' | { staff: readonly StaffRole[] };

export interface StaffActor {
  kind: 'staff';
  staffId: string;
  practiceId: string;
  role: StaffRole;
  email: string;
  displayName: string;
  sessionTokenHash: string;
}

export type Actor = StaffActor;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** The route validates a JSON body. */
  hasBody: boolean;
}

export interface AccessControlOptions {
  /** Resolves the signed-in actor from the request's session cookie, or undefined. */
  resolveActor(request: FastifyRequest): Promise<Actor | undefined>;
  /** Filled with every API route as it registers; the route-walk test reads it. */
  catalog: RegisteredRoute[];
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses to register an `/api/v1` route that does not declare its access, and checks the
 * declaration on every request. Also refuses cross-site writes (CSRF): a browser always
 * sends Origin or Sec-Fetch-Site on a cross-site request, and cookies are SameSite=Strict.
 */
export function registerAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  app.decorateRequest('actor', undefined);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      options.catalog.push({ method: String(method), url: route.url, access, hasBody: route.schema?.body !== undefined });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) return;
    if (unsafeMethods.has(request.method)) assertSameOrigin(request);
    request.actor = await options.resolveActor(request);
    if (access === 'public') return;
    if (!request.actor) throw new UnauthenticatedError();
    if (!access.staff.includes(request.actor.role)) throw new ForbiddenError();
  });
}

function assertSameOrigin(request: FastifyRequest): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new ForbiddenError('Cross-site requests are not accepted.', 'cross_site_request');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new ForbiddenError('The Origin header is not a valid URL.', 'cross_site_request');
    }
    const host = request.headers['x-forwarded-host'] ?? request.headers.host;
    if (originHost !== host) throw new ForbiddenError('Cross-site requests are not accepted.', 'cross_site_request');
  }
}

/** The signed-in staff member; routes behind `{ staff: [...] }` always have one. */
export function requireStaff(request: FastifyRequest): StaffActor {
  const actor = request.actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
