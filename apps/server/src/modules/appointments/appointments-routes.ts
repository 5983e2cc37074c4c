import {
  appointmentActionResponseSchema,
  appointmentChangesSchema,
  appointmentHistorySchema,
  appointmentListQuerySchema,
  appointmentListSchema,
  appointmentSchema,
  appointmentStatusSchema,
  cancelAppointmentRequestSchema,
  checkoutRequestSchema,
  checkoutResponseSchema,
  createAppointmentRequestSchema,
  emptyActionRequestSchema,
  idSchema,
  noShowListQuerySchema,
  noShowRequestSchema,
  restoreRequestSchema,
  restoreResponseSchema,
  updateAppointmentRequestSchema,
  type Appointment,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff, type StaffActor } from '../../platform/auth/access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import { salesRoles, toInvoiceResponse } from '../sales/index.ts';
import type { AppointmentsService } from './appointments-service.ts';
import type { AppointmentView } from './build-appointment-views.ts';
import type { SimpleTransition } from './change-appointment-status.ts';

/**
 * The appointment as the API shows it. The card's brand and last 4 are for the front desk
 * and managers; a provider sees only whether a card is on file (feePolicy.cardOnFile).
 */
export function toAppointmentResponse(appointment: AppointmentView, viewer?: Pick<StaffActor, 'role'>): Appointment {
  const card = appointment.cardOnFile;
  const patient = appointment.patient;
  const feePolicy = appointment.feePolicy;
  // Every object is built here in the contract's exact shape, field by field: the book's list
  // is sent without passing through the schema again (see bookListOptions).
  const response: Appointment = {
    id: appointment.id,
    kind: appointment.kind,
    mode: appointment.mode,
    status: appointment.status,
    clinicId: appointment.clinicId,
    providerId: appointment.providerId,
    patientId: appointment.patientId,
    patient: patient
      ? {
          id: patient.id,
          firstName: patient.firstName,
          lastName: patient.lastName,
          email: patient.email,
          phone: patient.phone,
          dateOfBirth: patient.dateOfBirth,
        }
      : null,
    packageId: appointment.packageId,
    title: appointment.title,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    timeZone: appointment.timeZone,
    services: appointment.services.map((service) => ({
      position: service.position,
      serviceId: service.serviceId,
      name: service.serviceName,
      start: service.startsAt.toISOString(),
      end: service.endsAt.toISOString(),
      priceCents: service.priceCents,
      currency: service.currency,
    })),
    notes: appointment.notes,
    virtualRoomUrl: appointment.virtualRoomUrl,
    allowDoubleBooking: appointment.allowDoubleBooking,
    requireCardOnFile: appointment.requireCardOnFile,
    cancellationReason: appointment.cancellationReason,
    cancelledAt: appointment.cancelledAt?.toISOString() ?? null,
    noShowMarkedAt: appointment.noShowMarkedAt?.toISOString() ?? null,
    noShowFeeRequested: appointment.noShowFeeRequested,
    cardOnFile:
      card && viewer?.role !== 'provider'
        ? {
            paymentMethodId: card.paymentMethodId,
            brand: card.cardBrand,
            last4: card.cardLast4,
            policyVersionId: card.policyVersionId,
            policyVersion: card.policyVersion,
            authorizedAt: card.authorizedAt.toISOString(),
            authorizedBy: card.authorizedBy,
            acceptedByPatient: card.acceptedByPatient,
          }
        : null,
    feePolicy: feePolicy
      ? {
          insideCancellationWindow: feePolicy.insideCancellationWindow,
          cancellationWindowHours: feePolicy.cancellationWindowHours,
          cancellationFeeCents: feePolicy.cancellationFeeCents,
          noShowFeeCents: feePolicy.noShowFeeCents,
          currency: feePolicy.currency,
          cardOnFile: feePolicy.cardOnFile,
          cancellationFeeInvoiceId: feePolicy.cancellationFeeInvoiceId,
          noShowFeeInvoiceId: feePolicy.noShowFeeInvoiceId,
        }
      : null,
    checkoutInvoiceId: appointment.checkoutInvoiceId,
    createdBy: appointment.createdBy,
    source: appointment.source,
    createdAt: appointment.createdAt.toISOString(),
    updatedAt: appointment.updatedAt.toISOString(),
    version: appointment.version,
  };
  if (appointment.patientIsNew !== undefined) response.patientIsNew = appointment.patientIsNew;
  if (appointment.formsOutstanding !== undefined) response.formsOutstanding = appointment.formsOutstanding;
  if (appointment.memberTiers !== undefined)
    response.memberTiers = appointment.memberTiers.map((tier) => ({ name: tier.name, color: tier.color }));
  return response;
}

/**
 * The book's lists (a clinic's week is hundreds of appointments) are sent with
 * JSON.stringify: toAppointmentResponse builds each one in the contract's exact shape, so
 * re-validating them against the schema on the way out buys nothing and cost about a tenth of
 * the request. The schema still documents the reply in OpenAPI, and the tests parse the
 * replies with it (appointments.int.test.ts).
 */
const bookListOptions = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

const appointmentParams = z.strictObject({ appointmentId: idSchema });
const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{1,200}$/;
const access = { staff: allStaffRoles };

function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !idempotencyKeyPattern.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1–200 letters, digits, or . _ : -', {
      field: 'Idempotency-Key',
      code: 'invalid_idempotency_key',
    });
  }
  return header;
}

function parseStatuses(value: string | undefined) {
  if (value === undefined) return undefined;
  return value.split(',').map((status, index) => {
    const parsed = appointmentStatusSchema.safeParse(status);
    if (!parsed.success) throw new ValidationError(`Unknown status "${status}".`, { field: `status[${index}]` });
    return parsed.data;
  });
}

export const appointmentsRoutes: FastifyPluginAsyncZod<{ appointments: AppointmentsService }> = async (app, { appointments }) => {
  app.post(
    '/api/v1/appointments',
    {
      // Booking is the hot path: its transaction confirms the session (decision 013).
      config: { access: { ...access, sessionConfirmedInTransaction: true } },
      schema: {
        tags: ['appointments'],
        summary: 'Book an appointment or an out-of-office block (Idempotency-Key accepted)',
        description:
          'With requireCardOnFile ("Enter Credit Card Details") send paymentMethodId: a card on file of the booked patient, ' +
          'entered or re-confirmed for this booking. The booking records the card, the clinic’s cancellation policy version ' +
          'shown, the time, the staff member and the client IP (returned as cardOnFile). ' +
          'A repeated Idempotency-Key with the same body replays the first answer (200, idempotent-replayed: true); with another body it is refused with 409 idempotency_key_reused and nothing changes.',
        body: createAppointmentRequestSchema,
        response: { 200: appointmentSchema, 201: appointmentSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const { appointment, replayed } = await appointments.createAppointment(
        actor,
        request.body,
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      reply.header('etag', `"${appointment.version}"`).header('location', `/api/v1/appointments/${appointment.id}`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(toAppointmentResponse(appointment, actor));
    },
  );

  app.get(
    '/api/v1/appointments',
    {
      config: { access },
      ...bookListOptions,
      schema: {
        tags: ['appointments'],
        summary: 'Appointments overlapping [from, to) — at most 93 days',
        querystring: appointmentListQuerySchema,
        response: { 200: appointmentListSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const query = request.query;
      const items = await appointments.listAppointments(
        actor,
        {
          clinicId: query.clinicId,
          providerId: query.providerId,
          patientId: query.patientId,
          statuses: parseStatuses(query.status),
          from: new Date(query.from),
          to: new Date(query.to),
        },
        requestMetaOf(request),
      );
      return { items: items.map((item) => toAppointmentResponse(item, actor)) };
    },
  );

  app.get(
    '/api/v1/appointments/changes',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'A token that changes whenever an appointment or block of the practice is booked, edited, moved or changes status',
        description:
          'The open book polls this every few seconds and refetches its lists only when the token differs from the last one ' +
          '(decision 022). The token is opaque; compare it for equality only.',
        response: { 200: appointmentChangesSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      reply.header('cache-control', 'no-store');
      return appointments.bookChanges(actor);
    },
  );

  app.get(
    '/api/v1/no-shows',
    {
      config: { access },
      ...bookListOptions,
      schema: {
        tags: ['appointments'],
        summary: 'No-shows that started in [from, to)',
        querystring: noShowListQuerySchema,
        response: { 200: appointmentListSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const query = request.query;
      const items = await appointments.listNoShows(
        actor,
        { from: new Date(query.from), to: new Date(query.to), clinicId: query.clinicId, providerId: query.providerId },
        requestMetaOf(request),
      );
      return { items: items.map((item) => toAppointmentResponse(item, actor)) };
    },
  );

  app.get(
    '/api/v1/appointments/:appointmentId',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'One appointment, with the card taken at booking and what fee the book may offer (feePolicy)',
        params: appointmentParams,
        response: { 200: appointmentSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const appointment = await appointments.getAppointment(actor, request.params.appointmentId, requestMetaOf(request));
      reply.header('etag', `"${appointment.version}"`);
      return toAppointmentResponse(appointment, actor);
    },
  );

  app.get(
    '/api/v1/appointments/:appointmentId/history',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'Every change to the appointment, oldest first',
        params: appointmentParams,
        response: { 200: appointmentHistorySchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const events = await appointments.history(actor, request.params.appointmentId, requestMetaOf(request));
      const names = await appointments.staffNames(
        actor,
        events.flatMap((event) => (event.actorStaffId ? [event.actorStaffId] : [])),
      );
      return {
        items: events.map((event) => ({
          id: event.id,
          occurredAt: event.occurredAt.toISOString(),
          actorStaffId: event.actorStaffId,
          actorName: event.actorStaffId ? (names.get(event.actorStaffId) ?? null) : null,
          type: event.type,
          before: event.before ?? null,
          after: event.after ?? null,
          details: event.details,
        })),
      };
    },
  );

  app.patch(
    '/api/v1/appointments/:appointmentId',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'Edit or reschedule (re-checks availability; If-Match rejects stale edits; Idempotency-Key accepted)',
        description:
          'A reschedule (a new start) inside the cancellation window may carry chargeFee: true to charge the services’ ' +
          'cancellation fee to the card taken at booking (one cancellation/rescheduling fee per appointment). The answer’s ' +
          '`fee` says whether it was paid, declined (the invoice stays unpaid) or is pending. ' +
          'A repeated Idempotency-Key with the same body replays the first answer (200, idempotent-replayed: true); with another body it is refused with 409 idempotency_key_reused and nothing changes.',
        params: appointmentParams,
        body: updateAppointmentRequestSchema,
        response: { 200: appointmentActionResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const ifMatch = request.headers['if-match'];
      const { appointment, fee, replayed } = await appointments.updateAppointment(
        actor,
        request.params.appointmentId,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
        idempotencyKeyOf(request.headers['idempotency-key']),
      );
      reply.header('etag', `"${appointment.version}"`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return { ...toAppointmentResponse(appointment, actor), fee };
    },
  );

  const simpleActions: [string, SimpleTransition, string][] = [
    ['confirm', 'confirm', 'Mark as confirmed by the patient'],
    ['check-in', 'checkIn', 'Check the patient in'],
    ['start', 'startProcedure', 'Start the procedure'],
    ['complete', 'complete', 'Mark as completed (without checkout; see /checkout)'],
  ];
  for (const [path, transition, summary] of simpleActions) {
    app.post(
      `/api/v1/appointments/:appointmentId/${path}`,
      {
        config: { access },
        schema: {
          tags: ['appointments'],
          summary,
          params: appointmentParams,
          body: emptyActionRequestSchema.optional(),
          response: { 200: appointmentSchema },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return toAppointmentResponse(
          await appointments.transition(actor, request.params.appointmentId, transition, requestMetaOf(request)),
          actor,
        );
      },
    );
  }

  app.post(
    '/api/v1/appointments/:appointmentId/cancel',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary:
          'Cancel with a reason (frees the time); chargeFee charges the cancellation fee inside the window (Idempotency-Key accepted)',
        description:
          'chargeFee needs a card entered at booking (409 no_card_on_file otherwise, and nothing changes), a cancellation inside ' +
          'the window shown at booking (409 outside_cancellation_window) and a cancellation fee on the services (409 ' +
          'no_fee_configured). A decline still cancels; `fee` explains, and the invoice stays unpaid in Sales. ' +
          'A repeated Idempotency-Key with the same body replays the first answer (200, idempotent-replayed: true); with another body it is refused with 409 idempotency_key_reused and nothing changes.',
        params: appointmentParams,
        body: cancelAppointmentRequestSchema,
        response: { 200: appointmentActionResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const { appointment, fee, replayed } = await appointments.cancel(
        actor,
        request.params.appointmentId,
        request.body,
        requestMetaOf(request),
        idempotencyKeyOf(request.headers['idempotency-key']),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return { ...toAppointmentResponse(appointment, actor), fee };
    },
  );

  app.post(
    '/api/v1/appointments/:appointmentId/no-show',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary:
          'Mark as a no-show (on the appointment’s local day or later); chargeFee charges the no-show fee (Idempotency-Key accepted)',
        description:
          'Offer chargeFee only when feePolicy.cardOnFile is true: without a card entered at booking it is refused with 409 ' +
          'no_card_on_file and nothing changes. A decline still marks the no-show; `fee` explains. ' +
          'A repeated Idempotency-Key with the same body replays the first answer (200, idempotent-replayed: true); with another body it is refused with 409 idempotency_key_reused and nothing changes.',
        params: appointmentParams,
        body: noShowRequestSchema.optional(),
        response: { 200: appointmentActionResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const { appointment, fee, replayed } = await appointments.markNoShow(
        actor,
        request.params.appointmentId,
        request.body ?? { chargeFee: false },
        requestMetaOf(request),
        idempotencyKeyOf(request.headers['idempotency-key']),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return { ...toAppointmentResponse(appointment, actor), fee };
    },
  );

  app.post(
    '/api/v1/appointments/:appointmentId/restore',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'Put a no-show back on the calendar as booked (a charged no-show fee is not refunded: see notice)',
        params: appointmentParams,
        body: restoreRequestSchema.optional(),
        response: { 200: restoreResponseSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const { appointment, notice, feeInvoiceId } = await appointments.restore(
        actor,
        request.params.appointmentId,
        request.body ?? { allowDoubleBooking: false },
        requestMetaOf(request),
      );
      return { ...toAppointmentResponse(appointment, actor), notice, feeInvoiceId };
    },
  );

  app.post(
    '/api/v1/appointments/:appointmentId/checkout',
    {
      config: { access: { staff: salesRoles } },
      schema: {
        tags: ['appointments', 'sales'],
        summary: 'Check out: invoice the services as booked, products, a discount and tax; pay; complete (Idempotency-Key accepted)',
        description:
          'Allowed once the patient is checked in (checked_in, in_procedure) or for a completed appointment not checked out yet; ' +
          '409 not_checked_in before that, 409 already_checked_out when a live checkout invoice exists (pay or void it from Sales). ' +
          'Paid in full, the appointment becomes completed. A declined card answers 402 card_declined (or authentication_required) ' +
          'with invoiceId: the invoice stays unpaid and the appointment unchanged; pay it with POST /api/v1/invoices/:id/payments. ' +
          'A repeated Idempotency-Key with the same body replays the first answer (200, idempotent-replayed: true); with another body it is refused with 409 idempotency_key_reused and nothing changes. ' +
          'While the first request with the key is still charging the card, a repeat answers 409 payment_in_progress: ask again in a moment.',
        params: appointmentParams,
        body: checkoutRequestSchema,
        response: { 200: checkoutResponseSchema, 201: checkoutResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const { appointment, invoice, replayed } = await appointments.checkout(
        actor,
        request.params.appointmentId,
        request.body,
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(replayed ? 200 : 201)
        .send({ appointment: toAppointmentResponse(appointment, actor), invoice: toInvoiceResponse(invoice) });
    },
  );
};
