import {
  identifyPatientSchema,
  portalPracticeParamsSchema,
  portalSignedInSchema,
  requestSignInCodeSchema,
  signInCodeRequestedSchema,
  verifySignInCodeSchema,
} from '@glowdesk/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePatient } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { NotFoundError, UnauthenticatedError } from '../../platform/errors.ts';
import { PATIENT_SESSION_COOKIE, type NewPatientSession } from './patient-sessions.ts';
import { findPortalPractice } from './portal-practice.ts';
import type { PortalService } from './portal-service.ts';
import type { PortalPracticeDirectory } from './portal-practice.ts';

export interface PortalAuthRoutesOptions {
  portal: PortalService;
  practices: PortalPracticeDirectory;
  secureCookies: boolean;
}

/** The patient cookie travels only to the API; staff routes never read it. */
export const PATIENT_COOKIE_PATH = '/api/';

export const portalAuthRoutes: FastifyPluginAsyncZod<PortalAuthRoutesOptions> = async (app, { portal, practices, secureCookies }) => {
  function setSessionCookie(reply: FastifyReply, session: NewPatientSession): void {
    reply.setCookie(PATIENT_SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure: secureCookies,
      sameSite: 'strict',
      path: PATIENT_COOKIE_PATH,
      expires: session.expiresAt,
    });
  }

  app.post(
    '/api/v1/portal/:slug/auth/code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary:
          "Send a 6-digit sign-in code by SMS or email; 202 whether or not the phone or email is on file, 429 within Resend's cooldown or past the hourly limits",
        params: portalPracticeParamsSchema,
        body: requestSignInCodeSchema,
        response: { 202: signInCodeRequestedSchema },
      },
    },
    async (request, reply) => {
      const requested = await portal.requestSignInCode(request.params.slug, request.body, requestMetaOf(request));
      return reply.status(202).send(requested);
    },
  );

  app.post(
    '/api/v1/portal/:slug/auth/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Sign in with the code: sets the patient session cookie; needsIdentity when several profiles share the phone or email',
        params: portalPracticeParamsSchema,
        body: verifySignInCodeSchema,
        response: { 200: portalSignedInSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await portal.verifySignInCode(request.params.slug, request.body, requestMetaOf(request));
      setSessionCookie(reply, signedIn.session);
      return { needsIdentity: signedIn.needsIdentity };
    },
  );

  app.post(
    '/api/v1/portal/:slug/auth/identify',
    {
      config: { access: { patient: 'contact' } },
      schema: {
        tags: ['portal'],
        summary:
          'Open the profile whose date of birth and last name these are, among those sharing the signed-in phone or email; 401 otherwise',
        params: portalPracticeParamsSchema,
        body: identifyPatientSchema,
        response: { 200: portalSignedInSchema },
      },
    },
    async (request, reply) => {
      const actor = requirePatient(request);
      try {
        const session = await portal.identifyPatient(actor, request.params.slug, request.body, requestMetaOf(request));
        if (session) setSessionCookie(reply, session);
      } catch (error) {
        if (error instanceof UnauthenticatedError && error.code === 'identity_locked') {
          reply.clearCookie(PATIENT_SESSION_COOKIE, { path: PATIENT_COOKIE_PATH });
        }
        throw error;
      }
      return { needsIdentity: false };
    },
  );

  app.post(
    '/api/v1/portal/:slug/auth/logout',
    {
      config: { access: { patient: 'contact' } },
      schema: { tags: ['portal'], summary: 'End the patient session', params: portalPracticeParamsSchema },
    },
    async (request, reply) => {
      const actor = requirePatient(request);
      const practice = await findPortalPractice(practices, request.params.slug);
      if (practice.id !== actor.practiceId) throw new NotFoundError('Practice', 'slug');
      await portal.sessions.signOut(actor, requestMetaOf(request));
      reply.clearCookie(PATIENT_SESSION_COOKIE, { path: PATIENT_COOKIE_PATH });
      return reply.status(204).send();
    },
  );
};
