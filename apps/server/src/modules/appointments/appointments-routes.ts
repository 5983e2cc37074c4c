import {
  appointmentHistorySchema,
  appointmentListQuerySchema,
  appointmentListSchema,
  appointmentSchema,
  appointmentStatusSchema,
  cancelAppointmentRequestSchema,
  createAppointmentRequestSchema,
  emptyActionRequestSchema,
  idSchema,
  noShowListQuerySchema,
  noShowRequestSchema,
  restoreRequestSchema,
  updateAppointmentRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { AppointmentView, AppointmentsService, SimpleTransition } from './appointments-service.ts';

export function toAppointmentResponse(appointment: AppointmentView) {
  return {
    id: appointment.id,
    kind: appointment.kind,
    mode: appointment.mode,
    status: appointment.status,
    clinicId: appointment.clinicId,
    providerId: appointment.providerId,
    patientId: appointment.patientId,
    patient: appointment.patient,
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
    createdBy: appointment.createdBy,
    createdAt: appointment.createdAt.toISOString(),
    updatedAt: appointment.updatedAt.toISOString(),
    version: appointment.version,
  };
}

const appointmentParams = z.strictObject({ appointmentId: idSchema });
const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{1,200}$/;
const access = { staff: allStaffRoles };

function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !idempotencyKeyPattern.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1–200 letters, digits, or . _ : -', { field: 'Idempotency-Key', code: 'invalid_idempotency_key' });
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
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'Book an appointment or an out-of-office block (Idempotency-Key accepted)',
        body: createAppointmentRequestSchema,
        response: { 200: appointmentSchema, 201: appointmentSchema },
      },
    },
    async (request, reply) => {
      const { appointment, replayed } = await appointments.createAppointment(
        requireStaff(request),
        request.body,
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      reply.header('etag', `"${appointment.version}"`).header('location', `/api/v1/appointments/${appointment.id}`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(toAppointmentResponse(appointment));
    },
  );

  app.get(
    '/api/v1/appointments',
    {
      config: { access },
      schema: { tags: ['appointments'], summary: 'Appointments overlapping [from, to) — at most 93 days', querystring: appointmentListQuerySchema, response: { 200: appointmentListSchema } },
    },
    async (request) => {
      const query = request.query;
      const items = await appointments.listAppointments(
        requireStaff(request),
        { clinicId: query.clinicId, providerId: query.providerId, patientId: query.patientId, statuses: parseStatuses(query.status), from: new Date(query.from), to: new Date(query.to) },
        requestMetaOf(request),
      );
      return { items: items.map(toAppointmentResponse) };
    },
  );

  app.get(
    '/api/v1/no-shows',
    {
      config: { access },
      schema: { tags: ['appointments'], summary: 'No-shows that started in [from, to)', querystring: noShowListQuerySchema, response: { 200: appointmentListSchema } },
    },
    async (request) => {
      const query = request.query;
      const items = await appointments.listNoShows(
        requireStaff(request),
        { from: new Date(query.from), to: new Date(query.to), clinicId: query.clinicId, providerId: query.providerId },
        requestMetaOf(request),
      );
      return { items: items.map(toAppointmentResponse) };
    },
  );

  app.get(
    '/api/v1/appointments/:appointmentId',
    { config: { access }, schema: { tags: ['appointments'], summary: 'One appointment', params: appointmentParams, response: { 200: appointmentSchema } } },
    async (request, reply) => {
      const appointment = await appointments.getAppointment(requireStaff(request), request.params.appointmentId, requestMetaOf(request));
      reply.header('etag', `"${appointment.version}"`);
      return toAppointmentResponse(appointment);
    },
  );

  app.get(
    '/api/v1/appointments/:appointmentId/history',
    { config: { access }, schema: { tags: ['appointments'], summary: 'Every change to the appointment, oldest first', params: appointmentParams, response: { 200: appointmentHistorySchema } } },
    async (request) => {
      const actor = requireStaff(request);
      const events = await appointments.history(actor, request.params.appointmentId, requestMetaOf(request));
      const names = await appointments.staffNames(actor, events.flatMap((event) => (event.actorStaffId ? [event.actorStaffId] : [])));
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
        summary: 'Edit or reschedule (re-checks availability; If-Match rejects stale edits)',
        params: appointmentParams,
        body: updateAppointmentRequestSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const appointment = await appointments.updateAppointment(
        requireStaff(request),
        request.params.appointmentId,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${appointment.version}"`);
      return toAppointmentResponse(appointment);
    },
  );

  const simpleActions: [string, SimpleTransition, string][] = [
    ['confirm', 'confirm', 'Mark as confirmed by the patient'],
    ['check-in', 'checkIn', 'Check the patient in'],
    ['start', 'startProcedure', 'Start the procedure'],
    ['complete', 'complete', 'Mark as completed'],
  ];
  for (const [path, transition, summary] of simpleActions) {
    app.post(
      `/api/v1/appointments/:appointmentId/${path}`,
      { config: { access }, schema: { tags: ['appointments'], summary, params: appointmentParams, body: emptyActionRequestSchema.optional(), response: { 200: appointmentSchema } } },
      async (request) => toAppointmentResponse(await appointments.transition(requireStaff(request), request.params.appointmentId, transition, requestMetaOf(request))),
    );
  }

  app.post(
    '/api/v1/appointments/:appointmentId/cancel',
    { config: { access }, schema: { tags: ['appointments'], summary: 'Cancel with a reason (frees the time)', params: appointmentParams, body: cancelAppointmentRequestSchema, response: { 200: appointmentSchema } } },
    async (request) => toAppointmentResponse(await appointments.cancel(requireStaff(request), request.params.appointmentId, request.body, requestMetaOf(request))),
  );

  app.post(
    '/api/v1/appointments/:appointmentId/no-show',
    {
      config: { access },
      schema: { tags: ['appointments'], summary: 'Mark as a no-show (on the appointment’s local day or later)', params: appointmentParams, body: noShowRequestSchema.optional(), response: { 200: appointmentSchema } },
    },
    async (request) =>
      toAppointmentResponse(await appointments.markNoShow(requireStaff(request), request.params.appointmentId, request.body ?? { chargeFee: false }, requestMetaOf(request))),
  );

  app.post(
    '/api/v1/appointments/:appointmentId/restore',
    {
      config: { access },
      schema: {
        tags: ['appointments'],
        summary: 'Put a no-show back on the calendar as booked',
        params: appointmentParams,
        body: restoreRequestSchema.optional(),
        response: { 200: appointmentSchema.extend({ notice: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { appointment, notice } = await appointments.restore(requireStaff(request), request.params.appointmentId, request.body ?? { allowDoubleBooking: false }, requestMetaOf(request));
      return { ...toAppointmentResponse(appointment), notice };
    },
  );
};
