import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditRoutes } from './platform/audit/audit-routes.ts';
import { registerAccessControl, type RegisteredRoute } from './platform/auth/access.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/database.ts';
import { createFileStore } from './platform/files/create-file-store.ts';
import type { FileStore } from './platform/files/file-store.ts';
import { registerErrorHandling, sendProblem } from './platform/http-errors.ts';
import { registerRequestGuards } from './platform/request-guards.ts';
import { registerWebAssets } from './platform/web-assets.ts';
import { createCoreServices, type CoreServices } from './core-services.ts';
import { authRoutes, practiceSettingsRoutes, SESSION_COOKIE, staffRoutes } from './modules/identity/index.ts';
import {
  bookingPortalRoutes,
  PATIENT_SESSION_COOKIE,
  portalAuthRoutes,
  portalPatientRoutes,
  portalStaffRoutes,
  portalProfileRoutes,
  portalPracticeRoutes,
  portalRegistrationRoutes,
  publicBookingRoutes,
} from './modules/portal/index.ts';
import { patientsRoutes } from './modules/patients/index.ts';
import { guardianGrantsRoutes } from './modules/guardians/index.ts';
import { appointmentNotificationsRoutes, notificationSettingsRoutes, notificationsRoutes } from './modules/notifications/index.ts';
import { paperworkRoutes, paperworkSigningRoutes } from './modules/paperwork/index.ts';
import { practiceRoutes, type BusyTimeSource } from './modules/practice/index.ts';
import { appointmentsRoutes } from './modules/appointments/index.ts';
import { portalInvoicesRoutes, salesRoutes } from './modules/sales/index.ts';
import { membershipAgreementRoutes, membershipsRoutes, portalMembershipsRoutes } from './modules/memberships/index.ts';
import {
  emrRoutes,
  medicalHistoryRoutes,
  portalPrescriptionRoutes,
  prescriptionRoutes,
  procedurePhotoRoutes,
} from './modules/emr/index.ts';
import { walletRoutes } from './modules/wallet/index.ts';
import { billingRoutes, portalPaymentMethodsRoutes, type PaymentGateway } from './modules/billing/index.ts';

export interface AppDependencies {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Pino options or false; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** What availability treats as booked; the appointments module's claims unless a test or benchmark replaces it. */
  busyTimeSource?: BusyTimeSource;
  /** The payment gateway; by default the one `config.paymentGateway` names. */
  paymentGateway?: PaymentGateway;
  /** Where stored files (procedure photos) go; by default the one `config.fileStore` names. */
  fileStore?: FileStore;
}

export interface GlowdeskApp extends FastifyInstance {
  /** Every `/api/v1` route with its declared access (the route-walk test reads it). */
  routeCatalog: RegisteredRoute[];
  /** The configuration and database the app was built on (demo seeding builds services with its own clock on them). */
  config: Config;
  database: Database;
  services: CoreServices;
}

const defaultWebDist = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,100}$/;

/** Builds the HTTP application; never listens (main.ts does, tests use inject). */
export async function buildApp(deps: AppDependencies): Promise<GlowdeskApp> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    // One line per request, when it is answered (the onResponse hook below), not two.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    // Requests the router refuses before any route or hook sees them (an over-long path
    // parameter, a malformed URL) answer as problem+json too.
    frameworkErrors: (error, request, reply) => {
      const problem =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? { status: 414, code: 'path_parameter_too_long', detail: 'A value in the path is too long.' }
          : error.code === 'FST_ERR_BAD_URL'
            ? { status: 400, code: 'malformed_url', detail: 'The URL is not valid.' }
            : { status: 500, code: 'internal_error', detail: 'Something went wrong on our side. The error was logged.' };
      if (problem.status === 500) request.log.error({ err: error }, 'router error');
      sendProblem(request, reply, problem);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a cross-site HTML form cannot send one without a CORS preflight.
  app.removeContentTypeParser(['text/plain']);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => {
    // The path without its query: a query can hold what a patient search typed.
    const answered = { method: request.method, path: request.url.split('?')[0], remoteAddress: request.ip, statusCode: reply.statusCode };
    request.log.info({ request: answered, responseTime: reply.elapsedTime }, 'request completed');
  });
  registerErrorHandling(app);
  registerRequestGuards(app);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Glowdesk API', version: '1', description: 'Practice management for medical spas and aesthetic clinics.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const files = deps.fileStore ? { fileStore: deps.fileStore, close: () => undefined } : createFileStore(config.fileStore);
  app.addHook('onClose', async () => files.close());
  const services = createCoreServices(config, database, clock, {
    busyTimeSource: deps.busyTimeSource,
    paymentGateway: deps.paymentGateway,
    fileStore: files.fileStore,
  });
  const { identity, practiceSettings, portal, patients, billing, paymentGateway, notifications, practice, sales, appointments, paperwork } =
    services;
  const routeCatalog: RegisteredRoute[] = [];
  registerAccessControl(app, {
    catalog: routeCatalog,
    async resolveActor(request, { mayRemember }) {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || token.length > 100) return undefined;
      return identity.resolveSession(token, { mayRemember });
    },
    confirmSession: (session) => identity.confirmSession(session),
    async resolvePatient(request) {
      const token = request.cookies[PATIENT_SESSION_COOKIE];
      if (!token || token.length > 100) return undefined;
      return portal.sessions.resolvePatientSession(token);
    },
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await database.ping();
      return { status: 'ready', database: database.engine };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return reply.status(503).send({ status: 'unavailable', database: database.engine });
    }
  });

  await app.register(authRoutes, { identity, secureCookies: config.production, sessionIdleMinutes: config.sessionIdleMinutes });
  await app.register(staffRoutes, { identity });
  await app.register(practiceSettingsRoutes, { practiceSettings });
  await app.register(portalPracticeRoutes, { practiceSettings });
  await app.register(portalAuthRoutes, { portal, practices: practiceSettings, secureCookies: config.production });
  await app.register(portalRegistrationRoutes, { portal, secureCookies: config.production });
  await app.register(portalPatientRoutes, { portal, sessionIdleMinutes: config.portalSessionIdleMinutes });
  await app.register(portalProfileRoutes, { portal });
  await app.register(bookingPortalRoutes, { bookingPortal: services.bookingPortal });
  await app.register(publicBookingRoutes, {
    portal,
    clock,
    availabilitySearchesPerIpPerMinute: config.publicAvailabilitySearchesPerIpPerMinute,
  });
  await app.register(auditRoutes, { database });

  const { clientAccess } = services;
  await app.register(patientsRoutes, { patients, clientAccess });
  await app.register(portalStaffRoutes, { portal, clientAccess });
  await app.register(guardianGrantsRoutes, { guardians: services.guardians, clientAccess });

  await app.register(billingRoutes, { billing, gateway: paymentGateway, clock });
  await app.register(portalPaymentMethodsRoutes, { billing });
  await app.register(notificationsRoutes, { notifications });
  await app.register(practiceRoutes, { practice });
  await app.register(appointmentsRoutes, { appointments });
  await app.register(salesRoutes, { sales });
  await app.register(membershipsRoutes, { memberships: services.memberships });
  await app.register(walletRoutes, { wallet: services.wallet, clientAccess });
  await app.register(portalMembershipsRoutes, { memberships: services.memberships });
  await app.register(membershipAgreementRoutes, { memberships: services.memberships });
  await app.register(portalInvoicesRoutes, { sales });
  await app.register(paperworkRoutes, { paperwork, clientAccess });
  await app.register(paperworkSigningRoutes, { patientPaperwork: services.patientPaperwork });
  await app.register(appointmentNotificationsRoutes, { appointmentNotifications: services.appointmentNotifications });
  await app.register(notificationSettingsRoutes, { notificationSettings: services.notificationSettings });
  await app.register(emrRoutes, { emr: services.emr });
  await app.register(procedurePhotoRoutes, { emr: services.emr });
  await app.register(medicalHistoryRoutes, { medicalHistory: services.medicalHistory });
  await app.register(prescriptionRoutes, { emr: services.emr });
  await app.register(portalPrescriptionRoutes, { emr: services.emr });

  await registerWebAssets(app, config.webDistDir ?? defaultWebDist, { production: config.production });

  const glowdesk = app as unknown as GlowdeskApp;
  glowdesk.decorate('routeCatalog', routeCatalog);
  glowdesk.decorate('config', config);
  glowdesk.decorate('database', database);
  glowdesk.decorate('services', services);
  return glowdesk;
}
