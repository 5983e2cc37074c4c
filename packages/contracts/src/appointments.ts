import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.ts';
import { createPatientRequestSchema, patientSummarySchema } from './patients.ts';

export const appointmentStatusSchema = z.enum(['booked', 'confirmed', 'checked_in', 'in_procedure', 'completed', 'cancelled', 'no_show']);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  in_procedure: 'In procedure',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No show',
};

export const appointmentKindSchema = z.enum(['appointment', 'out_of_office']);
export const appointmentModeSchema = z.enum(['in_person', 'virtual']);
export type AppointmentMode = z.infer<typeof appointmentModeSchema>;

const serviceIdsSchema = z.array(idSchema).min(1, { message: 'Choose at least one service.' }).max(10, { message: 'Book at most 10 services at once.' });
const notesSchema = z.string().trim().max(5000, { message: 'Notes are at most 5,000 characters.' });

/**
 * One body for both kinds, as the booking form sends it: an appointment needs mode,
 * services (or a package) and a patient (existing or new); an out-of-office block needs a
 * title and an end.
 */
export const createAppointmentRequestSchema = z
  .strictObject({
    kind: appointmentKindSchema.default('appointment'),
    mode: appointmentModeSchema.optional(),
    clinicId: idSchema,
    providerId: idSchema,
    serviceIds: serviceIdsSchema.optional(),
    packageId: idSchema.optional(),
    start: isoInstantSchema,
    end: isoInstantSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    patientId: idSchema.optional(),
    newPatient: createPatientRequestSchema.optional(),
    notes: notesSchema.optional(),
    allowDoubleBooking: z.boolean().default(false),
    requireCardOnFile: z.boolean().default(false),
  })
  .superRefine((body, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (body.kind === 'appointment') {
      if (!body.mode) problem('mode', 'Choose in person or virtual.');
      if (!body.serviceIds && !body.packageId) problem('serviceIds', 'Choose a service or a package.');
      if (body.serviceIds && body.packageId) problem('packageId', 'Choose services or a package, not both.');
      if (!body.patientId && !body.newPatient) problem('patientId', 'Choose a patient or enter a new one.');
      if (body.patientId && body.newPatient) problem('newPatient', 'Choose an existing patient or enter a new one, not both.');
      if (body.end) problem('end', 'An appointment ends when its services end; do not send an end.');
    } else {
      if (!body.title) problem('title', 'Give the out-of-office block a title.');
      if (!body.end) problem('end', 'Give the out-of-office block an end.');
      else if (Date.parse(body.end) <= Date.parse(body.start)) problem('end', 'The end must be after the start.');
      for (const field of ['serviceIds', 'packageId', 'patientId', 'newPatient', 'requireCardOnFile'] as const) {
        if (field === 'requireCardOnFile' ? body.requireCardOnFile : body[field] !== undefined) problem(field, 'An out-of-office block has no patient or services.');
      }
    }
  });
export type CreateAppointmentRequest = z.input<typeof createAppointmentRequestSchema>;

export const updateAppointmentRequestSchema = z
  .strictObject({
    start: isoInstantSchema.optional(),
    end: isoInstantSchema.optional(),
    providerId: idSchema.optional(),
    mode: appointmentModeSchema.optional(),
    serviceIds: serviceIdsSchema.optional(),
    packageId: idSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    notes: notesSchema.nullable().optional(),
    allowDoubleBooking: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' })
  .refine((body) => !(body.serviceIds && body.packageId), { message: 'Choose services or a package, not both.', path: ['packageId'] });
export type UpdateAppointmentRequest = z.input<typeof updateAppointmentRequestSchema>;

export const cancelAppointmentRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, { message: 'Give a reason for the cancellation.' }).max(1000),
  chargeFee: z.boolean().default(false),
});
export const noShowRequestSchema = z.strictObject({ chargeFee: z.boolean().default(false) });
export const restoreRequestSchema = z.strictObject({ allowDoubleBooking: z.boolean().default(false) });
export const emptyActionRequestSchema = z.strictObject({});

export const appointmentServiceSchema = z.object({
  position: z.number().int(),
  serviceId: idSchema,
  name: z.string(),
  start: z.string(),
  end: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
});

export const appointmentSchema = z.object({
  id: idSchema,
  kind: appointmentKindSchema,
  mode: appointmentModeSchema.nullable(),
  status: appointmentStatusSchema,
  clinicId: idSchema,
  providerId: idSchema,
  patientId: idSchema.nullable(),
  patient: patientSummarySchema.nullable(),
  packageId: idSchema.nullable(),
  title: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  /** The clinic's IANA zone: the book shows times in it. */
  timeZone: z.string(),
  services: z.array(appointmentServiceSchema),
  notes: z.string().nullable(),
  virtualRoomUrl: z.string().nullable(),
  allowDoubleBooking: z.boolean(),
  requireCardOnFile: z.boolean(),
  cancellationReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  noShowMarkedAt: z.string().nullable(),
  noShowFeeRequested: z.boolean().nullable(),
  createdBy: idSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListQuerySchema = z.strictObject({
  clinicId: idSchema.optional(),
  providerId: idSchema.optional(),
  patientId: idSchema.optional(),
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, { message: 'Comma-separated statuses, e.g. booked,confirmed.' })
    .optional(),
  from: isoInstantSchema,
  to: isoInstantSchema,
});
export const appointmentListSchema = z.object({ items: z.array(appointmentSchema) });

export const noShowListQuerySchema = z.strictObject({
  from: isoInstantSchema,
  to: isoInstantSchema,
  clinicId: idSchema.optional(),
  providerId: idSchema.optional(),
});

export const appointmentEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorStaffId: z.string().nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const appointmentHistorySchema = z.object({ items: z.array(appointmentEventSchema) });

/** What a 409 booking conflict carries beside the problem fields. */
export const bookingConflictSchema = z.object({
  appointmentId: idSchema,
  start: z.string(),
  end: z.string(),
  on: z.enum(['provider', 'resource']),
  resourceId: idSchema.optional(),
});
export type BookingConflict = z.infer<typeof bookingConflictSchema>;
