import {
  addPaymentMethodRequestSchema,
  idSchema,
  paymentMethodListSchema,
  paymentMethodSchema,
  setupSessionSchema,
  updatePaymentMethodRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
    const { practiceId, patientId, signedInPatientId } = requirePatientProfile(request);
    return { kind: 'patient', practiceId, patientId, signedInPatientId };
  };
  const params = z.strictObject({ paymentMethodId: idSchema });

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

  app.patch(
    '/api/v1/portal/payment-methods/:paymentMethodId',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: "Change your card's expiry (a reissued card); the change is made at the payment gateway first",
        description:
          '400 invalid_expiry or card_expired naming expMonth or expYear; 404 for a card that is not yours; 409 ' +
          'payment_method_unavailable when the gateway no longer holds it.',
        params,
        body: updatePaymentMethodRequestSchema,
        response: { 200: paymentMethodSchema },
      },
    },
    async (request) => {
      const patient = patientOf(request);
      const updated = await billing.updatePaymentMethodExpiry(
        patient,
        patient.patientId,
        request.params.paymentMethodId,
        request.body,
        requestMetaOf(request),
      );
      return toPaymentMethodResponse(updated);
    },
  );

  app.post(
    '/api/v1/portal/payment-methods/:paymentMethodId/default',
    {
      config: { access },
      schema: { tags: ['portal'], summary: 'Make this card your default', params, response: { 200: paymentMethodSchema } },
    },
    async (request) => {
      const patient = patientOf(request);
      return toPaymentMethodResponse(
        await billing.setDefaultPaymentMethod(patient, patient.patientId, request.params.paymentMethodId, requestMetaOf(request)),
      );
    },
  );

  app.delete(
    '/api/v1/portal/payment-methods/:paymentMethodId',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Remove one of your cards (detached at the gateway; payments made with it keep naming it)',
        params,
      },
    },
    async (request, reply) => {
      const patient = patientOf(request);
      await billing.removePaymentMethod(patient, patient.patientId, request.params.paymentMethodId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );
};
