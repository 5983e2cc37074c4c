import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { problemBodyOf } from '../http-errors.ts';
import type { StaffRole } from './roles.ts';

/**
 * What every API route declares in `config.access`:
 * - `public`: anyone, no session needed (login, health);
 * - `{ staff: roles }`: a signed-in staff member with one of the roles;
 * - `{ patient: 'profile' }`: a patient signed in to the portal with a profile opened;
 *   `{ patient: 'contact' }` also accepts a session whose contact is proved but whose
 *   profile is still to be chosen (several profiles share the phone or email).
 * The two realms never mix: a staff route reads only the staff cookie and a portal route
 * only the patient cookie.
 *
 * `sessionConfirmedInTransaction` (decision 013) lets the session come from this process's
 * memory of it, unconfirmed: the route's work must then confirm it inside its own transaction
 * (`StaffActor.unconfirmedSession`) before it writes anything. Whatever the work did, a
 * session still unconfirmed when the answer is about to be sent is confirmed then, and the
 * answer becomes a 401 if it is no longer live.
 */
export type RouteAccess = 'public' | StaffAccess | PatientAccess;
export interface StaffAccess {
  staff: readonly StaffRole[];
  sessionConfirmedInTransaction?: boolean;
}
export interface PatientAccess {
  patient: 'profile' | 'contact';
}

/**
 * A session taken from memory: what the database must still say about it (the session
 * live, its staff member active with this role) for the request to stand.
 */
export interface UnconfirmedSession {
  tokenHash: string;
  practiceId: string;
  staffId: string;
  role: StaffRole;
  /** The request's time, and the last activity that keeps a session from idling out. */
  now: Date;
  idleSince: Date;
  /** Set once the database has answered for it (when it no longer stands, the request fails then). */
  checked: boolean;
}

export interface StaffActor {
  kind: 'staff';
  staffId: string;
  practiceId: string;
  role: StaffRole;
  email: string;
  displayName: string;
  sessionTokenHash: string;
  /** Present when the session was taken from memory (see `RouteAccess`). */
  unconfirmedSession?: UnconfirmedSession;
}

/** A patient signed in to the portal of one practice. */
export interface PatientActor {
  kind: 'patient';
  practiceId: string;
  /**
   * The profile every portal route reads and changes: the signed-in patient's own, or a
   * dependant's they switched to under a live guardian grant (docs/decisions/025); null while
   * several profiles share the proved contact (identify next).
   */
  patientId: string | null;
  /** Who signed in: the actor of every audit entry, also while viewing a dependant's profile. */
  signedInPatientId: string | null;
  /**
   * The session had switched to a dependant whose grant has since been revoked: it is back on
   * the patient's own profile, and this one request is refused so the page does not show the
   * patient's own records where the dependant's were.
   */
  profileAccessEnded?: boolean;
  sessionTokenHash: string;
  /** When the session ends at the latest. */
  sessionExpiresAt: Date;
}

export type Actor = StaffActor | PatientActor;

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
  /**
   * Resolves the signed-in actor from the request's session cookie, or undefined. With
   * `mayRemember` it may answer from memory, leaving the actor's `unconfirmedSession` set.
   */
  resolveActor(request: FastifyRequest, options: { mayRemember: boolean }): Promise<StaffActor | undefined>;
  /** Resolves the patient behind the request's portal session cookie, or undefined. */
  resolvePatient?: (request: FastifyRequest) => Promise<PatientActor | undefined>;
  /** True when the database still holds the session live (for sessions left unconfirmed). */
  confirmSession?: (session: UnconfirmedSession) => Promise<boolean>;
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
    if (access !== 'public' && 'patient' in access) {
      const patient = options.resolvePatient ? await options.resolvePatient(request) : undefined;
      if (!patient) throw new UnauthenticatedError();
      if (access.patient === 'profile' && patient.patientId === null) {
        throw new UnauthenticatedError('Confirm your date of birth and last name to continue.', 'identity_required');
      }
      if (access.patient === 'profile' && patient.profileAccessEnded) {
        throw new ForbiddenError(
          'The clinic has ended your access to that profile. You are back on your own profile.',
          'profile_access_ended',
        );
      }
      request.actor = patient;
      return;
    }
    const mayRemember = access !== 'public' && access.sessionConfirmedInTransaction === true && options.confirmSession !== undefined;
    const staff = await options.resolveActor(request, { mayRemember });
    request.actor = staff;
    if (access === 'public') return;
    if (!staff) throw new UnauthenticatedError();
    if (!access.staff.includes(staff.role)) throw new ForbiddenError();
  });

  const { confirmSession } = options;
  if (confirmSession) {
    // The last word for a remembered session the route's work left unchecked: the answer is
    // replaced by a 401 when the session no longer stands (after the error handler, if it ran).
    app.addHook('onSend', async (request, reply, payload) => {
      const session = request.actor?.kind === 'staff' ? request.actor.unconfirmedSession : undefined;
      if (!session || session.checked) return payload;
      session.checked = true;
      if (await confirmSession(session)) return payload;
      request.actor = undefined;
      const refusal = new UnauthenticatedError();
      for (const name of Object.keys(reply.getHeaders())) if (!headersKeptOnRefusal.has(name)) reply.removeHeader(name);
      reply.code(refusal.status).type('application/problem+json');
      return JSON.stringify(problemBodyOf(request, { status: refusal.status, code: refusal.code, detail: refusal.message }));
    });
  }
}

/** Headers every answer carries (app.ts), kept when a remembered session's answer is replaced. */
const headersKeptOnRefusal = new Set(['x-request-id', 'x-content-type-options', 'referrer-policy', 'cache-control']);

/**
 * An Origin, when sent, must be this server's own scheme and host. `Origin: null` (a sandboxed
 * frame, a privacy redirect) cannot be vouched for and is refused. The host and scheme come
 * from `X-Forwarded-*` only when TRUST_PROXY says a proxy sets them (Fastify's
 * `request.host`/`request.protocol`); otherwise anyone could send them.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new ForbiddenError('Cross-site requests are not accepted.', 'cross_site_request');
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    throw new ForbiddenError('The Origin header is not a valid URL.', 'cross_site_request');
  }
  if (originUrl.host !== request.host || originUrl.protocol !== `${request.protocol}:`) {
    throw new ForbiddenError('Cross-site requests are not accepted.', 'cross_site_request');
  }
}

/** The signed-in staff member; routes behind `{ staff: [...] }` always have one. */
export function requireStaff(request: FastifyRequest): StaffActor {
  const actor = request.actor;
  if (actor?.kind !== 'staff') throw new UnauthenticatedError();
  return actor;
}

/** The signed-in patient; routes behind `{ patient: … }` always have one. */
export function requirePatient(request: FastifyRequest): PatientActor {
  const actor = request.actor;
  if (actor?.kind !== 'patient') throw new UnauthenticatedError();
  return actor;
}

/** A patient with a profile opened (their own or a dependant's). */
export type PatientWithProfile = PatientActor & { patientId: string; signedInPatientId: string };

/** The patient with an opened profile; routes behind `{ patient: 'profile' }` always have one. */
export function requirePatientProfile(request: FastifyRequest): PatientWithProfile {
  const actor = requirePatient(request);
  const { patientId, signedInPatientId } = actor;
  if (patientId === null || signedInPatientId === null) {
    throw new UnauthenticatedError('Confirm your date of birth and last name to continue.', 'identity_required');
  }
  return { ...actor, patientId, signedInPatientId };
}

/**
 * Who an audit entry written in the portal names: always the patient who signed in; labelled
 * `guardian` when they act on a dependant's profile (the entry's object or details name the
 * dependant).
 */
export function portalAuditActor(actor: Pick<PatientWithProfile, 'patientId' | 'signedInPatientId'>): {
  actorType: 'patient';
  actorId: string;
  actorLabel: string | null;
} {
  return {
    actorType: 'patient',
    actorId: actor.signedInPatientId,
    actorLabel: actor.signedInPatientId === actor.patientId ? null : 'guardian',
  };
}
