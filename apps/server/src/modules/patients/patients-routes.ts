import {
  createdPatientSchema,
  createPatientRequestSchema,
  duplicateCheckRequestSchema,
  duplicateCheckResponseSchema,
  idSchema,
  patientListQuerySchema,
  patientPageSchema,
  patientSchema,
  updatePatientRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { PatientRecord } from './patients-repository.ts';
import type { PatientsService } from './patients-service.ts';

export function toPatientResponse(patient: PatientRecord) {
  return {
    ...patient,
    marketingConsentAt: patient.marketingConsentAt?.toISOString() ?? null,
    createdAt: patient.createdAt.toISOString(),
    updatedAt: patient.updatedAt.toISOString(),
  };
}

const patientParams = z.strictObject({ patientId: idSchema });
const access = { staff: allStaffRoles };

export const patientsRoutes: FastifyPluginAsyncZod<{ patients: PatientsService; clientAccess: ClientAccess }> = async (
  app,
  { patients, clientAccess },
) => {
  app.get(
    '/api/v1/patients',
    {
      config: { access },
      schema: {
        tags: ['patients'],
        summary: 'Search patients by any part of name, email or phone (?q=), or list them alphabetically',
        querystring: patientListQuerySchema,
        response: { 200: patientPageSchema },
      },
    },
    async (request) => patients.searchPatients(requireStaff(request), request.query, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/patients',
    {
      config: { access },
      schema: {
        tags: ['patients'],
        summary: 'Create a patient; the reply lists profiles that may be the same person',
        body: createPatientRequestSchema,
        response: { 201: createdPatientSchema },
      },
    },
    async (request, reply) => {
      const { patient, possibleDuplicates } = await patients.createPatient(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${patient.version}"`).header('location', `/api/v1/patients/${patient.id}`);
      return reply.status(201).send({ ...toPatientResponse(patient), possibleDuplicates });
    },
  );

  app.post(
    '/api/v1/patients/duplicate-check',
    {
      config: { access },
      schema: {
        tags: ['patients'],
        summary: 'Profiles that share the email, phone or name given (warns before creating)',
        body: duplicateCheckRequestSchema,
        response: { 200: duplicateCheckResponseSchema },
      },
    },
    async (request) => ({
      possibleDuplicates: await patients.checkDuplicates(requireStaff(request), request.body, requestMetaOf(request)),
    }),
  );

  app.get(
    '/api/v1/patients/:patientId',
    {
      config: { access },
      schema: {
        tags: ['patients'],
        summary: 'One patient profile (a provider limited to their own clients: 403 not_your_client for others)',
        params: patientParams,
        response: { 200: patientSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadClient(actor, request.params.patientId);
      const patient = await patients.getPatient(actor, request.params.patientId, requestMetaOf(request));
      reply.header('etag', `"${patient.version}"`);
      return toPatientResponse(patient);
    },
  );

  app.patch(
    '/api/v1/patients/:patientId',
    {
      config: { access },
      schema: {
        tags: ['patients'],
        summary: 'Edit a patient profile (If-Match optional; a provider limited to their own clients: 403 not_your_client for others)',
        params: patientParams,
        body: updatePatientRequestSchema,
        response: { 200: patientSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadClient(actor, request.params.patientId);
      const ifMatch = request.headers['if-match'];
      const patient = await patients.updatePatient(
        actor,
        request.params.patientId,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${patient.version}"`);
      return toPatientResponse(patient);
    },
  );
};
