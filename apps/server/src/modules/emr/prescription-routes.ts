import {
  createPrescriptionRequestSchema,
  discontinuePrescriptionRequestSchema,
  idSchema,
  portalPrescriptionListSchema,
  prescriptionListSchema,
  prescriptionSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePatientProfile, requireStaff } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { EmrService } from './emr-service.ts';

/** Who records and reads prescriptions: providers and managers. Front desk sees no clinical content. */
const prescribingRoles: readonly StaffRole[] = ['owner', 'admin', 'provider'];
const patientParams = z.strictObject({ patientId: idSchema });
const prescriptionParams = z.strictObject({ prescriptionId: idSchema });

/** Prescriptions on a client's record (staff), never edited in place: discontinued with a reason. Every read is audited. */
export const prescriptionRoutes: FastifyPluginAsyncZod<{ emr: EmrService }> = async (app, { emr }) => {
  app.get(
    '/api/v1/patients/:patientId/prescriptions',
    {
      config: { access: { staff: prescribingRoles } },
      schema: {
        tags: ['emr'],
        summary: "A client's prescriptions, active and discontinued, newest first; ?procedureId= for those written on one chart (audited)",
        params: patientParams,
        querystring: z.strictObject({ procedureId: idSchema.optional() }),
        response: { 200: prescriptionListSchema },
      },
    },
    async (request) => ({
      items: await emr.listPrescriptions(requireStaff(request), request.params.patientId, request.query, requestMetaOf(request)),
    }),
  );

  app.post(
    '/api/v1/patients/:patientId/prescriptions',
    {
      config: { access: { staff: prescribingRoles } },
      schema: {
        tags: ['emr'],
        summary:
          "Record a prescription; the signed-in staff member is its prescriber. prescribedOn defaults to today and may not be later; procedureId links one of the client's charts",
        params: patientParams,
        body: createPrescriptionRequestSchema,
        response: { 201: prescriptionSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await emr.recordPrescription(requireStaff(request), request.params.patientId, request.body, requestMetaOf(request))),
  );

  app.post(
    '/api/v1/prescriptions/:prescriptionId/discontinue',
    {
      config: { access: { staff: prescribingRoles } },
      schema: {
        tags: ['emr'],
        summary: 'Discontinue a prescription with a reason; it stays in the history. 409 when already discontinued',
        params: prescriptionParams,
        body: discontinuePrescriptionRequestSchema,
        response: { 200: prescriptionSchema },
      },
    },
    async (request) =>
      emr.discontinuePrescription(requireStaff(request), request.params.prescriptionId, request.body.reason, requestMetaOf(request)),
  );
};

/** The portal's Prescriptions page: the opened profile's own prescriptions, read-only. */
export const portalPrescriptionRoutes: FastifyPluginAsyncZod<{ emr: EmrService }> = async (app, { emr }) => {
  app.get(
    '/api/v1/portal/prescriptions',
    {
      config: { access: { patient: 'profile' as const } },
      schema: {
        tags: ['portal'],
        summary: 'Your prescriptions, newest first (read-only)',
        response: { 200: portalPrescriptionListSchema },
      },
    },
    async (request) => ({ items: await emr.listOwnPrescriptions(requirePatientProfile(request), requestMetaOf(request)) }),
  );
};
