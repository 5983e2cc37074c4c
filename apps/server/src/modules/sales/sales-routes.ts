import {
  cancellationPolicyListSchema,
  clinicBillingSettingsSchema,
  idSchema,
  invoiceListQuerySchema,
  invoiceListSchema,
  invoicePaymentResponseSchema,
  invoiceRefundResponseSchema,
  invoiceSchema,
  payInvoiceRequestSchema,
  refundInvoiceRequestSchema,
  salesSettingsSchema,
  updateClinicBillingSettingsRequestSchema,
  updateSalesSettingsRequestSchema,
  voidInvoiceRequestSchema,
  type CancellationPolicy,
  type ClinicBillingSettings,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { CancellationPolicyRecord } from './billing-settings-repository.ts';
import type { ClinicBillingSettingsView } from './billing-settings-service.ts';
import { idempotencyKeyOf } from '../../platform/idempotency-key-header.ts';
import { toInvoiceResponse, toInvoiceSummaryResponse, toPaymentResponse, toRefundResponse } from './invoice-responses.ts';
import { renderReceiptPage } from './receipt-page.ts';
import { salesRoles } from './sales-roles.ts';
import type { SalesService } from './sales-service.ts';

const invoiceParams = z.strictObject({ invoiceId: idSchema });
const clinicParams = z.strictObject({ clinicId: idSchema });
const salesAccess = { staff: salesRoles };

function toPolicyResponse(policy: CancellationPolicyRecord): CancellationPolicy {
  return {
    id: policy.id,
    version: policy.version,
    text: policy.text,
    windowHours: policy.windowHours,
    createdAt: policy.createdAt.toISOString(),
    createdBy: policy.createdBy,
  };
}

function toSettingsResponse(settings: ClinicBillingSettingsView): ClinicBillingSettings {
  return {
    clinicId: settings.clinicId,
    cancellationWindowHours: settings.cancellationWindowHours,
    taxRateBps: settings.taxRateBps,
    cancellationPolicy: toPolicyResponse(settings.cancellationPolicy),
    version: settings.version,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/** The Sales tab's API: invoices, payments, refunds, receipts; billing settings per clinic and practice. */
export const salesRoutes: FastifyPluginAsyncZod<{ sales: SalesService }> = async (app, { sales }) => {
  app.get(
    '/api/v1/invoices',
    {
      config: { access: salesAccess },
      schema: {
        tags: ['sales'],
        summary: 'Invoices, newest first, filtered by creation date, clinic, status, kind, patient or appointment',
        querystring: invoiceListQuerySchema,
        response: { 200: invoiceListSchema },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await sales.listInvoices(
        requireStaff(request),
        {
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
          clinicId: query.clinicId,
          status: query.status,
          kind: query.kind,
          patientId: query.patientId,
          appointmentId: query.appointmentId,
          cursor: query.cursor,
          limit: query.limit,
        },
        requestMetaOf(request),
      );
      return { items: page.items.map((item) => toInvoiceSummaryResponse(item.invoice, item.patient)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/invoices/:invoiceId',
    {
      config: { access: salesAccess },
      schema: {
        tags: ['sales'],
        summary: 'One invoice: lines, totals, payments, refunds, history, its appointment and patient',
        params: invoiceParams,
        response: { 200: invoiceSchema },
      },
    },
    async (request) => toInvoiceResponse(await sales.getInvoice(requireStaff(request), request.params.invoiceId, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/invoices/:invoiceId/receipt',
    {
      config: { access: salesAccess },
      schema: { tags: ['sales'], summary: 'A printable HTML receipt of the invoice', params: invoiceParams, produces: ['text/html'] },
    },
    async (request, reply) => {
      const receipt = await sales.receiptOf(requireStaff(request), request.params.invoiceId, requestMetaOf(request));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(renderReceiptPage(receipt));
    },
  );

  app.post(
    '/api/v1/invoices/:invoiceId/payments',
    {
      config: { access: salesAccess },
      schema: {
        tags: ['sales'],
        summary: 'Pay an unpaid invoice by card on file, new card or cash (Idempotency-Key accepted)',
        description:
          '201 with the payment; 200 when the Idempotency-Key replays an earlier one. A declined card or one that needs the patient ' +
          'present answers 402 (card_declined, authentication_required) and the invoice stays unpaid; a gateway that does not answer ' +
          '503 payment_pending (retry: the same charge is asked about, never made twice). The same Idempotency-Key with another ' +
          'body or for another invoice answers 409 idempotency_key_reused; while a card payment of the invoice is being charged, ' +
          'another payment, or a repeat of its key, answers 409 payment_in_progress.',
        params: invoiceParams,
        body: payInvoiceRequestSchema,
        response: { 200: invoicePaymentResponseSchema, 201: invoicePaymentResponseSchema },
      },
    },
    async (request, reply) => {
      const { detail, payment, replayed } = await sales.payInvoice(
        requireStaff(request),
        request.params.invoiceId,
        request.body,
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(replayed ? 200 : 201)
        .send({ invoice: toInvoiceResponse(detail), payment: toPaymentResponse(payment, detail.refunds) });
    },
  );

  app.post(
    '/api/v1/invoices/:invoiceId/refunds',
    {
      config: { access: salesAccess },
      schema: {
        tags: ['sales'],
        summary: 'Refund part or all of a payment, with a reason (Idempotency-Key accepted)',
        description:
          'Owners and admins; the front desk when Sales settings allow it (403 refund_not_permitted otherwise). Never more than was ' +
          'paid (400 refund_exceeds_paid naming amountCents). Card payments are refunded at the gateway (its refund id is recorded); ' +
          'cash payments are recorded as cash handed back. The same Idempotency-Key with another body or for another invoice ' +
          'answers 409 idempotency_key_reused; a repeat while the first refund is still at the gateway 409 refund_in_progress.',
        params: invoiceParams,
        body: refundInvoiceRequestSchema,
        response: { 200: invoiceRefundResponseSchema, 201: invoiceRefundResponseSchema },
      },
    },
    async (request, reply) => {
      const { detail, refund, replayed } = await sales.refundInvoice(
        requireStaff(request),
        request.params.invoiceId,
        request.body,
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(replayed ? 200 : 201)
        .send({ invoice: toInvoiceResponse(detail), refund: toRefundResponse(refund, detail.staffNames) });
    },
  );

  app.post(
    '/api/v1/invoices/:invoiceId/void',
    {
      config: { access: salesAccess },
      schema: {
        tags: ['sales'],
        summary: 'Void an invoice nothing was paid on (voiding a void invoice changes nothing)',
        description:
          '409 invoice_has_payments when money was taken (refund it instead); 409 payment_in_progress while a card payment of the ' +
          'invoice is being charged.',
        params: invoiceParams,
        body: voidInvoiceRequestSchema,
        response: { 200: invoiceSchema },
      },
    },
    async (request) =>
      toInvoiceResponse(await sales.voidInvoice(requireStaff(request), request.params.invoiceId, request.body, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/clinics/:clinicId/billing-settings',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['sales'],
        summary: 'The clinic’s cancellation window, tax rate and current cancellation policy (shown when a card is taken)',
        params: clinicParams,
        response: { 200: clinicBillingSettingsSchema },
      },
    },
    async (request, reply) => {
      const settings = await sales.settings.getClinicSettings(requireStaff(request), request.params.clinicId);
      reply.header('etag', `"${settings.version}"`);
      return toSettingsResponse(settings);
    },
  );

  app.put(
    '/api/v1/clinics/:clinicId/billing-settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['sales'],
        summary: 'Change the cancellation window, tax rate or policy text (a new policy version; If-Match rejects stale edits)',
        params: clinicParams,
        body: updateClinicBillingSettingsRequestSchema,
        response: { 200: clinicBillingSettingsSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const settings = await sales.settings.updateClinicSettings(
        requireStaff(request),
        request.params.clinicId,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${settings.version}"`);
      return toSettingsResponse(settings);
    },
  );

  app.get(
    '/api/v1/clinics/:clinicId/cancellation-policies',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['sales'],
        summary: 'Every version of the clinic’s cancellation policy, newest first',
        params: clinicParams,
        response: { 200: cancellationPolicyListSchema },
      },
    },
    async (request) => ({
      items: (await sales.settings.listPolicies(requireStaff(request), request.params.clinicId)).map(toPolicyResponse),
    }),
  );

  app.get(
    '/api/v1/sales/settings',
    {
      config: { access: salesAccess },
      schema: { tags: ['sales'], summary: 'Practice-wide sales rules (may the front desk refund)', response: { 200: salesSettingsSchema } },
    },
    async (request) => sales.settings.getSalesSettings(requireStaff(request)),
  );

  app.put(
    '/api/v1/sales/settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['sales'],
        summary: 'Change the practice-wide sales rules',
        body: updateSalesSettingsRequestSchema,
        response: { 200: salesSettingsSchema },
      },
    },
    async (request) => sales.settings.updateSalesSettings(requireStaff(request), request.body, requestMetaOf(request)),
  );
};
