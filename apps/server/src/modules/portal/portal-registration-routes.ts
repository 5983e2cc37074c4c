import {
  mergePortalRegistrationSchema,
  portalPracticeParamsSchema,
  portalRegistrationCountSchema,
  portalRegistrationHandledSchema,
  portalRegistrationListSchema,
  portalRegistrationParamsSchema,
  registerPatientSchema,
  registrationVerifiedSchema,
  signInCodeRequestedSchema,
  verifySignInCodeSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { PATIENT_COOKIE_PATH } from './portal-auth-routes.ts';
import { PATIENT_SESSION_COOKIE } from './patient-sessions.ts';
import type { PortalService } from './portal-service.ts';

/** The front desk, admins and the owner handle the registrations queue; providers do not. */
const queueAccess = { staff: ['owner', 'admin', 'front_desk'] as readonly StaffRole[] };

/**
 * Sign Up (New Client Registration) in the portal, and the staff queue of registrations to
 * merge (docs/decisions/024).
 */
export const portalRegistrationRoutes: FastifyPluginAsyncZod<{ portal: PortalService; secureCookies: boolean }> = async (
  app,
  { portal, secureCookies },
) => {
  app.post(
    '/api/v1/portal/:slug/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary:
          'New Client Registration: send a 6-digit code to the phone (sms) or email the channel names; 202 whether or not it is on file, 429 within the cooldown or past the hourly limits',
        params: portalPracticeParamsSchema,
        body: registerPatientSchema,
        response: { 202: signInCodeRequestedSchema },
      },
    },
    async (request, reply) => {
      const requested = await portal.requestRegistration(request.params.slug, request.body, requestMetaOf(request));
      return reply.status(202).send(requested);
    },
  );

  app.post(
    '/api/v1/portal/:slug/auth/register/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary:
          'Finish a registration with its code: created or claimed set the patient session cookie; queued waits for the practice to merge it',
        params: portalPracticeParamsSchema,
        body: verifySignInCodeSchema,
        response: { 200: registrationVerifiedSchema },
      },
    },
    async (request, reply) => {
      const verified = await portal.verifyRegistration(request.params.slug, request.body, requestMetaOf(request));
      if (verified.session) {
        reply.setCookie(PATIENT_SESSION_COOKIE, verified.session.token, {
          httpOnly: true,
          secure: secureCookies,
          sameSite: 'strict',
          path: PATIENT_COOKIE_PATH,
          expires: verified.session.expiresAt,
        });
      }
      return { outcome: verified.outcome };
    },
  );

  app.get(
    '/api/v1/portal-registrations',
    {
      config: { access: queueAccess },
      schema: {
        tags: ['portal'],
        summary: 'Portal registrations waiting to be merged, oldest first, each with the profiles holding its phone or email',
        response: { 200: portalRegistrationListSchema },
      },
    },
    async (request) => ({ items: await portal.registrations.listQueued(requireStaff(request), requestMetaOf(request)) }),
  );

  app.get(
    '/api/v1/portal-registrations/count',
    {
      config: { access: queueAccess },
      schema: {
        tags: ['portal'],
        summary: 'How many portal registrations wait to be merged',
        response: { 200: portalRegistrationCountSchema },
      },
    },
    async (request) => ({ count: await portal.registrations.countQueued(requireStaff(request)) }),
  );

  app.post(
    '/api/v1/portal-registrations/:registrationId/merge',
    {
      config: { access: queueAccess },
      schema: {
        tags: ['portal'],
        summary: 'Merge into this profile: copy the chosen fields; 409 when someone already handled the registration',
        params: portalRegistrationParamsSchema,
        body: mergePortalRegistrationSchema,
        response: { 200: portalRegistrationHandledSchema },
      },
    },
    async (request) =>
      portal.registrations.merge(requireStaff(request), request.params.registrationId, request.body, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal-registrations/:registrationId/create-client',
    {
      config: { access: queueAccess },
      schema: {
        tags: ['portal'],
        summary: 'Create as new client: a separate profile from the registration; 409 when already handled',
        params: portalRegistrationParamsSchema,
        response: { 200: portalRegistrationHandledSchema },
      },
    },
    async (request) => portal.registrations.createClient(requireStaff(request), request.params.registrationId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal-registrations/:registrationId/dismiss',
    {
      config: { access: queueAccess },
      schema: {
        tags: ['portal'],
        summary: 'Dismiss the registration (nothing is created or changed); 409 when already handled',
        params: portalRegistrationParamsSchema,
        response: { 200: portalRegistrationHandledSchema },
      },
    },
    async (request) => portal.registrations.dismiss(requireStaff(request), request.params.registrationId, requestMetaOf(request)),
  );
};
