import {
  addPaymentMethodRequestSchema,
  billingConfigSchema,
  idSchema,
  paymentMethodListSchema,
  paymentMethodSchema,
  setupSessionSchema,
  type PaymentMethod,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, type StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { PaymentMethodRecord } from './billing-repository.ts';
import type { BillingService } from './billing-service.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import type { Clock } from '../../platform/clock.ts';
import { isSimulatedGateway } from './simulated-gateway.ts';
import { simulatedGatewayRoutes } from './simulated-gateway-routes.ts';

/**
 * Who handles cards on file: the front desk and managers take payments. Providers chart
 * and do not see or change cards (docs/decisions/006).
 */
export const cardOnFileRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

export function toPaymentMethodResponse(method: PaymentMethodRecord): PaymentMethod {
  return {
    id: method.id,
    patientId: method.patientId,
    gateway: method.gateway,
    brand: method.brand,
    last4: method.last4,
    expMonth: method.expMonth,
    expYear: method.expYear,
    isDefault: method.isDefault,
    createdAt: method.createdAt.toISOString(),
  };
}

const patientParams = z.strictObject({ patientId: idSchema });
const paymentMethodParams = z.strictObject({ patientId: idSchema, paymentMethodId: idSchema });
const access = { staff: cardOnFileRoles };

/** Billing's HTTP routes, and the simulated gateway's own endpoints when it is the gateway in use. */
export const billingRoutes: FastifyPluginAsyncZod<{ billing: BillingService; gateway: PaymentGateway; clock: Clock }> = async (
  app,
  { billing, gateway, clock },
) => {
  if (isSimulatedGateway(gateway)) await app.register(simulatedGatewayRoutes, { gateway, clock });

  app.get(
    '/api/v1/billing/config',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['billing'],
        summary: 'Which payment gateway the browser tokenizes cards with, and how',
        response: { 200: billingConfigSchema },
      },
    },
    async () => billing.billingConfig(),
  );

  app.get(
    '/api/v1/patients/:patientId/payment-methods',
    {
      config: { access },
      schema: {
        tags: ['billing'],
        summary: 'The patient’s cards on file (brand, last 4, expiry), the default first',
        params: patientParams,
        response: { 200: paymentMethodListSchema },
      },
    },
    async (request) => {
      const methods = await billing.listPaymentMethods(requireStaff(request), request.params.patientId, requestMetaOf(request));
      return { items: methods.map(toPaymentMethodResponse) };
    },
  );

  app.post(
    '/api/v1/patients/:patientId/payment-methods/setup-session',
    {
      config: { access },
      schema: {
        tags: ['billing'],
        summary: 'Start saving a card in the browser (Stripe: a SetupIntent client secret for confirmCardSetup)',
        params: patientParams,
        response: { 200: setupSessionSchema },
      },
    },
    async (request) => billing.createSetupSession(requireStaff(request), request.params.patientId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/patients/:patientId/payment-methods',
    {
      config: { access },
      schema: {
        tags: ['billing'],
        summary: 'Save the card behind a gateway token (201; 200 when the same token was already saved)',
        description:
          'gatewayToken is what the browser got from the gateway: a Stripe PaymentMethod id (pm_…) or a simulated token (tok_…). ' +
          'Stripe test ids (pm_card_visa, pm_card_mastercard, pm_card_chargeDeclined, pm_card_authenticationRequired) work with both gateways in test mode.',
        params: patientParams,
        body: addPaymentMethodRequestSchema,
        response: { 200: paymentMethodSchema, 201: paymentMethodSchema },
      },
    },
    async (request, reply) => {
      const { paymentMethod, created } = await billing.addPaymentMethod(
        requireStaff(request),
        request.params.patientId,
        request.body,
        requestMetaOf(request),
      );
      reply.header('location', `/api/v1/patients/${paymentMethod.patientId}/payment-methods/${paymentMethod.id}`);
      return reply.status(created ? 201 : 200).send(toPaymentMethodResponse(paymentMethod));
    },
  );

  app.post(
    '/api/v1/patients/:patientId/payment-methods/:paymentMethodId/default',
    {
      config: { access },
      schema: {
        tags: ['billing'],
        summary: 'Make this card the patient’s default',
        params: paymentMethodParams,
        response: { 200: paymentMethodSchema },
      },
    },
    async (request) =>
      toPaymentMethodResponse(
        await billing.setDefaultPaymentMethod(
          requireStaff(request),
          request.params.patientId,
          request.params.paymentMethodId,
          requestMetaOf(request),
        ),
      ),
  );

  app.delete(
    '/api/v1/patients/:patientId/payment-methods/:paymentMethodId',
    {
      config: { access },
      schema: {
        tags: ['billing'],
        summary: 'Remove a card: detached at the gateway, kept in history',
        params: paymentMethodParams,
      },
    },
    async (request, reply) => {
      await billing.removePaymentMethod(
        requireStaff(request),
        request.params.patientId,
        request.params.paymentMethodId,
        requestMetaOf(request),
      );
      return reply.status(204).send();
    },
  );

  // The signature covers the exact bytes sent, so this route keeps the body raw.
  await app.register(async (webhooks) => {
    webhooks.removeAllContentTypeParsers();
    webhooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    webhooks.post(
      '/api/v1/billing/webhooks/stripe',
      {
        config: { access: 'public' },
        schema: {
          tags: ['billing'],
          summary: 'Stripe webhook (payment_intent.succeeded, payment_intent.payment_failed, charge.refund.updated); verified by signature',
          security: [],
          response: {
            200: z.object({ received: z.literal(true), eventId: z.string(), outcome: z.enum(['processed', 'duplicate', 'ignored']) }),
          },
        },
      },
      async (request) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['stripe-signature'];
        const result = await billing.handleWebhook('stripe', body, typeof signature === 'string' ? signature : undefined);
        return { received: true as const, ...result };
      },
    );
  });
};
