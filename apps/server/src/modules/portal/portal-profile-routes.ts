import {
  portalProfileChoicesSchema,
  portalProfileParamsSchema,
  portalProfileSchema,
  requestContactCodeSchema,
  signInCodeRequestedSchema,
  updatePortalProfileSchema,
  verifyContactCodeSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePatientProfile } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { PortalService } from './portal-service.ts';
import { toPortalProfile } from './read-own-profile.ts';

const access = { patient: 'profile' } as const;

/** The Profile page (contact details and preferences) and the switch between own and granted profiles. */
export const portalProfileRoutes: FastifyPluginAsyncZod<{ portal: PortalService }> = async (app, { portal }) => {
  app.get(
    '/api/v1/portal/profile',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'The profile viewed now (own or a dependant’s): name, date of birth, phone, email, address, communication preferences',
        response: { 200: portalProfileSchema },
      },
    },
    async (request, reply) => {
      const patient = await portal.readOwnProfile(requirePatientProfile(request), requestMetaOf(request));
      reply.header('etag', `"${patient.version}"`);
      return toPortalProfile(patient);
    },
  );

  app.patch(
    '/api/v1/portal/profile',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary:
          'Change the address and communication preferences (If-Match: the version shown; 412 when the clinic saved the profile since). Phone and email change with a code',
        body: updatePortalProfileSchema,
        response: { 200: portalProfileSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const patient = await portal.updateOwnProfile(
        requirePatientProfile(request),
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${patient.version}"`);
      return toPortalProfile(patient);
    },
  );

  app.post(
    '/api/v1/portal/profile/contact-code',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary:
          'Send a 6-digit code to a new phone (sms) or email for the profile; nothing changes until contact-verify. 429 within the Resend cooldown or past the hourly limits',
        body: requestContactCodeSchema,
        response: { 202: signInCodeRequestedSchema },
      },
    },
    async (request, reply) => {
      const requested = await portal.requestContactChangeCode(requirePatientProfile(request), request.body, requestMetaOf(request));
      return reply.status(202).send(requested);
    },
  );

  app.post(
    '/api/v1/portal/profile/contact-verify',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Put the new phone or email on the profile with the code sent to it; 400 invalid_code when wrong, expired or used',
        body: verifyContactCodeSchema,
        response: { 200: portalProfileSchema },
      },
    },
    async (request, reply) => {
      const patient = await portal.verifyContactChange(requirePatientProfile(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${patient.version}"`);
      return toPortalProfile(patient);
    },
  );

  app.get(
    '/api/v1/portal/profiles',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'The profiles you may view: your own, and those of dependants the clinic granted you; and the one viewed now',
        response: { 200: portalProfileChoicesSchema },
      },
    },
    async (request) => portal.listProfileChoices(requirePatientProfile(request), requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal/profiles/:patientId/switch',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'View another profile in every portal page: your own, or a dependant’s you hold a grant for; 404 for any other',
        params: portalProfileParamsSchema,
        response: { 200: portalProfileChoicesSchema },
      },
    },
    async (request) => portal.switchProfile(requirePatientProfile(request), request.params.patientId, requestMetaOf(request)),
  );
};
