import {
  idSchema,
  portalInvoiceListSchema,
  portalInvoicePaymentResponseSchema,
  portalInvoiceSchema,
  portalPayInvoiceRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePatientProfile } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { idempotencyKeyOf } from '../../platform/idempotency-key-header.ts';
import { toPortalInvoice, toPortalInvoiceSummary, toPortalPayment } from './portal-invoice-responses.ts';
import { renderReceiptPage } from './receipt-page.ts';
import type { SalesService } from './sales-service.ts';

const invoiceParams = z.strictObject({ invoiceId: idSchema });

/**
 * The portal's Payment History: the active profile's invoices, one invoice with its lines,
 * payments and refunds, paying one with a card on file, and its receipt. Another patient's
 * invoice is a 404, whoever asks.
 */
export const portalInvoicesRoutes: FastifyPluginAsyncZod<{ sales: SalesService }> = async (app, { sales }) => {
  const access = { patient: 'profile' as const };
  const patientOf = (request: Parameters<typeof requirePatientProfile>[0]): PatientBillingActor => {
    const { practiceId, patientId, signedInPatientId } = requirePatientProfile(request);
    return { kind: 'patient', practiceId, patientId, signedInPatientId };
  };

  app.get(
    '/api/v1/portal/invoices',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Your invoices, newest first, each with its status and totals (Payment History)',
        response: { 200: portalInvoiceListSchema },
      },
    },
    async (request) => {
      const items = await sales.listOwnInvoices(patientOf(request), requestMetaOf(request));
      return { items: items.map((item) => toPortalInvoiceSummary(item.invoice, item.clinicName)) };
    },
  );

  app.get(
    '/api/v1/portal/invoices/:invoiceId',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'One of your invoices: lines, totals, payments and refunds, and whether you can pay it now',
        params: invoiceParams,
        response: { 200: portalInvoiceSchema },
      },
    },
    async (request) => toPortalInvoice(await sales.getInvoice(patientOf(request), request.params.invoiceId, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/portal/invoices/:invoiceId/receipt',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'A printable HTML receipt of one of your invoices',
        params: invoiceParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const receipt = await sales.receiptOf(patientOf(request), request.params.invoiceId, requestMetaOf(request));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('content-disposition', `inline; filename="receipt-${receipt.detail.invoice.number}.html"`)
        .send(renderReceiptPage(receipt));
    },
  );

  app.post(
    '/api/v1/portal/invoices/:invoiceId/payments',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: "Pay an unpaid invoice's balance with one of your cards on file (send an Idempotency-Key)",
        description:
          '201 with the payment; 200 when the Idempotency-Key replays an earlier one (nothing is charged again). 404 for an ' +
          'invoice or card that is not yours (paymentMethodId names the card); 409 invoice_already_paid or invoice_void; 400 ' +
          'currency_mismatch naming currency. A declined card answers 402 card_declined and the invoice stays unpaid; a gateway ' +
          'that does not answer 503 payment_pending (retry with the same key: the charge is asked about, never made twice).',
        params: invoiceParams,
        body: portalPayInvoiceRequestSchema,
        response: { 200: portalInvoicePaymentResponseSchema, 201: portalInvoicePaymentResponseSchema },
      },
    },
    async (request, reply) => {
      const { detail, payment, replayed } = await sales.payInvoice(
        patientOf(request),
        request.params.invoiceId,
        {
          payment: { method: 'card_on_file', paymentMethodId: request.body.paymentMethodId },
          currency: request.body.currency,
        },
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send({ invoice: toPortalInvoice(detail), payment: toPortalPayment(payment) });
    },
  );
};
