import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.ts';
import { feeOutcomeSchema, invoiceSchema } from './invoices.ts';
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

const serviceIdsSchema = z
  .array(idSchema)
  .min(1, { message: 'Choose at least one service.' })
  .max(10, { message: 'Book at most 10 services at once.' });
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
    /** "Enter Credit Card Details": the patient's card must be entered or re-confirmed for this booking. */
    requireCardOnFile: z.boolean().default(false),
    /**
     * The card on file (of the booked patient) entered or re-confirmed for this booking;
     * required with requireCardOnFile. A new card is saved first with
     * POST /api/v1/patients/:id/payment-methods, so the patient must exist.
     */
    paymentMethodId: idSchema.optional(),
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
      if (body.requireCardOnFile && !body.paymentMethodId) {
        problem('paymentMethodId', 'Enter or re-confirm the patient’s card for this booking (requireCardOnFile is on).');
      }
      if (body.paymentMethodId && !body.requireCardOnFile) problem('requireCardOnFile', 'Send requireCardOnFile: true with the card.');
      if (body.requireCardOnFile && body.newPatient) {
        problem('newPatient', 'A card can be taken only for a saved patient: save the patient and their card first, then book.');
      }
    } else {
      if (!body.title) problem('title', 'Give the out-of-office block a title.');
      if (!body.end) problem('end', 'Give the out-of-office block an end.');
      else if (Date.parse(body.end) <= Date.parse(body.start)) problem('end', 'The end must be after the start.');
      for (const field of ['serviceIds', 'packageId', 'patientId', 'newPatient', 'requireCardOnFile', 'paymentMethodId'] as const) {
        if (field === 'requireCardOnFile' ? body.requireCardOnFile : body[field] !== undefined)
          problem(field, 'An out-of-office block has no patient or services.');
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
    /**
     * With a reschedule inside the cancellation window: charge the services' cancellation
     * fee to the card authorized at booking (one cancellation/rescheduling fee per appointment).
     */
    chargeFee: z.boolean().optional(),
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

/** The evidence recorded when the card was taken at booking. */
export const cardOnFileSchema = z.object({
  paymentMethodId: idSchema,
  brand: z.string(),
  last4: z.string(),
  policyVersionId: idSchema,
  policyVersion: z.number().int(),
  authorizedAt: z.string(),
  /** The staff member who took the card; null when the patient gave it and accepted the policy online. */
  authorizedBy: idSchema.nullable(),
  acceptedByPatient: z.boolean(),
});
export type CardOnFile = z.infer<typeof cardOnFileSchema>;

export const feePolicySchema = z.object({
  /** Cancelling or rescheduling now falls inside the clinic's window (as agreed at booking). */
  insideCancellationWindow: z.boolean(),
  cancellationWindowHours: z.number().int(),
  /** Sum over the appointment's services. */
  cancellationFeeCents: z.number().int(),
  noShowFeeCents: z.number().int(),
  currency: z.string(),
  /** A card was entered at booking, so a fee can be charged (the reference's pop-up condition). */
  cardOnFile: z.boolean(),
  cancellationFeeInvoiceId: idSchema.nullable(),
  noShowFeeInvoiceId: idSchema.nullable(),
});
export type FeePolicy = z.infer<typeof feePolicySchema>;

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
  /** The card entered or re-confirmed at booking (hidden from providers: see feePolicy.cardOnFile). */
  cardOnFile: cardOnFileSchema.nullable(),
  /** What the book needs to decide whether to offer a fee (null for an out-of-office block). */
  feePolicy: feePolicySchema.nullable(),
  /** The live checkout invoice, once the appointment was checked out. */
  checkoutInvoiceId: idSchema.nullable(),
  /** In lists (the book): the patient's first visit, with no earlier appointment that took place. */
  patientIsNew: z.boolean().optional(),
  /** In lists (the book): forms (consents, questionnaires, instructions) still waiting for the patient. */
  formsOutstanding: z.number().int().min(0).optional(),
  /** The patient's membership tiers whose perks hold today (Active, or Past Due where the practice keeps perks), oldest first. */
  memberTiers: z.array(z.object({ name: z.string(), color: z.string().nullable() })).optional(),
  /** The staff member who booked; null when the patient booked online. */
  createdBy: idSchema.nullable(),
  /** Who booked: the front desk ('staff') or the patient on the online booking page ('online'). */
  source: z.enum(['staff', 'online']),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** Cancel, no-show and edit answers: the appointment and, with chargeFee, what happened to the fee. */
export const appointmentActionResponseSchema = appointmentSchema.extend({ fee: feeOutcomeSchema.nullable() });
export type AppointmentActionResponse = z.infer<typeof appointmentActionResponseSchema>;

export const restoreResponseSchema = appointmentSchema.extend({
  /** Set when a no-show fee invoice exists: restoring never refunds it. */
  notice: z.string().nullable(),
  feeInvoiceId: idSchema.nullable(),
});

export const checkoutResponseSchema = z.object({ appointment: appointmentSchema, invoice: invoiceSchema });
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;

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

/** The book's change token (decision 022): opaque; a different value means the book changed. */
export const appointmentChangesSchema = z.object({ token: z.string() });
export type AppointmentChanges = z.infer<typeof appointmentChangesSchema>;

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
