import {
  idSchema,
  medicalHistoryContentSchema,
  medicalHistoryReviewListSchema,
  medicalHistorySchema,
  medicalHistoryVersionListSchema,
  portalMedicalHistorySchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePatientProfile, requireStaff } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { MedicalHistoryService } from './medical-history-service.ts';

/** Clinical content: providers and managers; the front desk sees none of it. */
const clinicalRoles: readonly StaffRole[] = ['owner', 'admin', 'provider'];
const patientParams = z.strictObject({ patientId: idSchema });

function ifMatchOf(header: string | string[] | undefined): number | undefined {
  return parseIfMatchVersion(typeof header === 'string' ? header : undefined);
}

/** Patients' medical histories for staff (read, edit, review) and for the patient in the portal (their own). */
export const medicalHistoryRoutes: FastifyPluginAsyncZod<{ medicalHistory: MedicalHistoryService }> = async (app, { medicalHistory }) => {
  const staffAccess = { staff: clinicalRoles };

  app.get(
    '/api/v1/patients/:patientId/medical-history',
    {
      config: { access: staffAccess },
      schema: {
        tags: ['emr'],
        summary:
          "A patient's medical history: allergies, medications, conditions, previous treatments, pregnancy (version 0 before first saved)",
        params: patientParams,
        response: { 200: medicalHistorySchema },
      },
    },
    async (request, reply) => {
      const history = await medicalHistory.get(requireStaff(request), request.params.patientId, requestMetaOf(request));
      reply.header('etag', `"${history.version}"`);
      return history;
    },
  );

  app.put(
    '/api/v1/patients/:patientId/medical-history',
    {
      config: { access: staffAccess },
      schema: {
        tags: ['emr'],
        summary: 'Save the whole medical history as a new version (If-Match: "0" for the first; 412 when someone saved in between)',
        params: patientParams,
        body: medicalHistoryContentSchema,
        response: { 200: medicalHistorySchema },
      },
    },
    async (request, reply) => {
      const history = await medicalHistory.save(
        requireStaff(request),
        request.params.patientId,
        request.body,
        ifMatchOf(request.headers['if-match']),
        requestMetaOf(request),
      );
      reply.header('etag', `"${history.version}"`);
      return history;
    },
  );

  app.get(
    '/api/v1/patients/:patientId/medical-history/versions',
    {
      config: { access: staffAccess },
      schema: {
        tags: ['emr'],
        summary: 'Every version of the medical history, newest first: who saved it (staff or the patient), when and what changed',
        params: patientParams,
        response: { 200: medicalHistoryVersionListSchema },
      },
    },
    async (request) => ({
      items: await medicalHistory.listVersions(requireStaff(request), request.params.patientId, requestMetaOf(request)),
    }),
  );

  app.post(
    '/api/v1/patients/:patientId/medical-history/review',
    {
      config: { access: staffAccess },
      schema: {
        tags: ['emr'],
        summary: "Mark the patient's change reviewed (If-Match: the version shown; 412 when it changed since; 409 when nothing waits)",
        params: patientParams,
        response: { 200: medicalHistorySchema },
      },
    },
    async (request, reply) => {
      const history = await medicalHistory.review(
        requireStaff(request),
        request.params.patientId,
        ifMatchOf(request.headers['if-match']),
        requestMetaOf(request),
      );
      reply.header('etag', `"${history.version}"`);
      return history;
    },
  );

  app.get(
    '/api/v1/medical-history/reviews',
    {
      config: { access: staffAccess },
      schema: {
        tags: ['emr'],
        summary: 'Patients whose own change to their medical history waits for review, the longest waiting first',
        response: { 200: medicalHistoryReviewListSchema },
      },
    },
    async (request) => ({ items: await medicalHistory.listReviews(requireStaff(request), requestMetaOf(request)) }),
  );

  const patientAccess = { patient: 'profile' as const };

  app.get(
    '/api/v1/portal/medical-history',
    {
      config: { access: patientAccess },
      schema: { tags: ['portal'], summary: 'Your medical history', response: { 200: portalMedicalHistorySchema } },
    },
    async (request, reply) => {
      const history = await medicalHistory.getOwn(requirePatientProfile(request), requestMetaOf(request));
      reply.header('etag', `"${history.version}"`);
      return history;
    },
  );

  app.put(
    '/api/v1/portal/medical-history',
    {
      config: { access: patientAccess },
      schema: {
        tags: ['portal'],
        summary:
          'Update your medical history; the clinic reviews your changes (If-Match: the version shown; 412 when the clinic saved since)',
        body: medicalHistoryContentSchema,
        response: { 200: portalMedicalHistorySchema },
      },
    },
    async (request, reply) => {
      const history = await medicalHistory.saveOwn(
        requirePatientProfile(request),
        request.body,
        ifMatchOf(request.headers['if-match']),
        requestMetaOf(request),
      );
      reply.header('etag', `"${history.version}"`);
      return history;
    },
  );
};
