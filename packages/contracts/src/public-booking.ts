import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.ts';
import { visitModeSchema } from './practice.ts';

/** `/api/v1/public/:slug/…`: the practice's portal address (Settings → Booking Portal). */
export const publicBookingParamsSchema = z.strictObject({
  slug: z.string().min(1).max(100),
});

const bookingModeSchema = z.enum(['in_person', 'virtual']);

/** What the online booking page offers: only services bookable online, active clinics and providers. */
export const bookingCatalogSchema = z.object({
  practice: z.object({ name: z.string(), slug: z.string(), timezone: z.string() }),
  clinics: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      timezone: z.string(),
      /** One line: street, city, region and postal code as entered; null when none is on file. */
      address: z.string().nullable(),
    }),
  ),
  services: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      description: z.string().nullable(),
      durationMinutes: z.number().int(),
      priceCents: z.number().int().nullable(),
      currency: z.string(),
      modes: z.array(bookingModeSchema),
      clinicIds: z.array(idSchema),
      /** The booking needs a card on file and the clinic's cancellation policy accepted. */
      requiresCard: z.boolean(),
      category: z.string().nullable(),
    }),
  ),
  packages: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      description: z.string().nullable(),
      serviceIds: z.array(idSchema),
      durationMinutes: z.number().int(),
      priceCents: z.number().int().nullable(),
      currency: z.string(),
      /** Clinics that offer every service of the package. */
      clinicIds: z.array(idSchema),
      requiresCard: z.boolean(),
    }),
  ),
  providers: z.array(
    z.object({
      id: idSchema,
      displayName: z.string(),
      title: z.string().nullable(),
      clinicIds: z.array(idSchema),
      /** Only services bookable online. */
      serviceIds: z.array(idSchema),
    }),
  ),
  /** Each clinic's current cancellation policy: what a patient accepts when a card is taken. */
  cancellationPolicies: z.array(
    z.object({ clinicId: idSchema, policyVersionId: idSchema, text: z.string(), cancellationWindowHours: z.number().int() }),
  ),
});
export type BookingCatalog = z.infer<typeof bookingCatalogSchema>;

/** `POST /api/v1/public/:slug/bookings` (a patient session of the practice). */
export const createOnlineBookingRequestSchema = z
  .strictObject({
    clinicId: idSchema,
    serviceIds: z
      .array(idSchema)
      .min(1, { message: 'Choose at least one service.' })
      .max(10, { message: 'Book at most 10 services at once.' })
      .optional(),
    packageId: idSchema.optional(),
    /** Default: virtual when every service is virtual-only, else in person. */
    mode: visitModeSchema.optional(),
    start: isoInstantSchema,
    /** Absent: any provider free at that start. */
    providerId: idSchema.optional(),
    notes: z.string().trim().max(2000, { message: 'Notes are at most 2,000 characters.' }).optional(),
    /** One of the patient's own cards on file; required when any chosen service requires a card. */
    paymentMethodId: idSchema.optional(),
    /** The clinic's current cancellation policy version (from the catalog), accepted; required with a card. */
    policyAcceptance: z.strictObject({ policyVersionId: idSchema, accepted: z.literal(true) }).optional(),
  })
  .superRefine((body, context) => {
    if (body.serviceIds === undefined && body.packageId === undefined) {
      context.addIssue({ code: 'custom', path: ['serviceIds'], message: 'Choose a service or a package.' });
    } else if (body.serviceIds !== undefined && body.packageId !== undefined) {
      context.addIssue({ code: 'custom', path: ['packageId'], message: 'Choose services or a package, not both.' });
    }
  });
export type CreateOnlineBookingRequest = z.input<typeof createOnlineBookingRequestSchema>;

export const onlineBookingSchema = z.object({
  appointment: z.object({
    id: idSchema,
    start: z.string(),
    end: z.string(),
    clinicId: idSchema,
    clinicName: z.string(),
    timezone: z.string(),
    providerId: idSchema,
    providerName: z.string(),
    serviceNames: z.array(z.string()),
    mode: bookingModeSchema,
    status: z.string(),
    /** The card the booking holds for fees, when one was required. */
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
  }),
});
export type OnlineBooking = z.infer<typeof onlineBookingSchema>;
