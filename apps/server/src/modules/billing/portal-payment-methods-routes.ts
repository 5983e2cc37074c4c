import { addPaymentMethodRequestSchema, paymentMethodListSchema, paymentMethodSchema, setupSessionSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePatientProfile } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { toPaymentMethodResponse } from './billing-routes.ts';
import type { BillingService, PatientBillingActor } from './billing-service.ts';

/**
 * The signed-in patient's own cards (the portal and the online booking page): the staff
 * routes' bodies and replies, for the patient behind the session and no one else.
 */
export const portalPaymentMethodsRoutes: FastifyPluginAsyncZod<{ billing: BillingService }> = async (app, { billing }) => {
  const access = { patient: 'profile' as const };
  const patientOf = (request: Parameters<typeof requirePatientProfile>[0]): PatientBillingActor => {
    const { practiceId, patientId } = requirePatientProfile(request);
    return { kind: 'patient', practiceId, patientId };
  };

  app.get(
    '/api/v1/portal/payment-methods',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Your cards on file (brand, last 4, expiry), the default first',
        response: { 200: paymentMethodListSchema },
      },
    },
    async (request) => {
      const patient = patientOf(request);
      const methods = await billing.listPaymentMethods(patient, patient.patientId, requestMetaOf(request));
      return { items: methods.map(toPaymentMethodResponse) };
    },
  );

  app.post(
    '/api/v1/portal/payment-methods/setup-session',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Start saving one of your cards in the browser (as POST /api/v1/patients/:patientId/payment-methods/setup-session)',
        response: { 200: setupSessionSchema },
      },
    },
    async (request) => {
      const patient = patientOf(request);
      return billing.createSetupSession(patient, patient.patientId, requestMetaOf(request));
    },
  );

  app.post(
    '/api/v1/portal/payment-methods',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Save your card behind a gateway token (201; 200 when the same token was already saved)',
        body: addPaymentMethodRequestSchema,
        response: { 200: paymentMethodSchema, 201: paymentMethodSchema },
      },
    },
    async (request, reply) => {
      const patient = patientOf(request);
      const { paymentMethod, created } = await billing.addPaymentMethod(patient, patient.patientId, request.body, requestMetaOf(request));
      return reply.status(created ? 201 : 200).send(toPaymentMethodResponse(paymentMethod));
    },
  );
};
