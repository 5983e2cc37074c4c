import { z } from 'zod';
import { e164PhoneSchema, emailSchema, idSchema, isoInstantSchema, localDateSchema } from './common.ts';
import { messageChannelSchema, messageTemplateKeySchema } from './notifications.ts';

/** Words a portal path may not use as a practice slug: they name portal routes of their own. */
export const reservedPracticeSlugs = ['me', 'appointments', 'paperwork', 'dashboard', 'api', 'admin', 'www'] as const;

/**
 * A practice's URL slug: `/portal/<slug>`, `/book/<slug>`. Lower-case letters, digits and
 * single hyphens, 3–40 characters, starting and ending with a letter or digit.
 */
export const practiceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { message: 'The portal address is at least 3 characters.' })
  .max(40, { message: 'The portal address is at most 40 characters.' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'Use lower-case letters, digits and single hyphens, starting and ending with a letter or digit.',
  })
  .refine((slug) => !(reservedPracticeSlugs as readonly string[]).includes(slug), { message: 'This portal address is reserved.' });

export const practiceSettingsSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  /** Null until the owner chooses one; the portal and booking page need it. */
  slug: z.string().nullable(),
  /**
   * False (the default): a provider confirms, cancels, reschedules, checks in or out, marks
   * no-shows on and edits only the appointments booked with them, books only in their own
   * column, and opens a client's profile, cards, forms and appointment history only when
   * that client has an appointment with them (any date, any status). True: providers act on
   * every appointment and see every client. Owners, admins and the front desk are never
   * limited by it; the whole book (who is busy when) stays visible to everyone.
   */
  providersManageAllAppointments: z.boolean(),
  /** True: a provider's signed chart waits for a medical director's co-signature (MD Review); a medical director's own does not. */
  requireMdCosignature: z.boolean(),
});
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

/** The portal address is the owner's to change; the provider setting is the owner's or an admin's. */
export const updatePracticeSettingsRequestSchema = z
  .strictObject({
    slug: practiceSlugSchema.optional(),
    providersManageAllAppointments: z.boolean().optional(),
    requireMdCosignature: z.boolean().optional(),
  })
  .refine(
    (body) => body.slug !== undefined || body.providersManageAllAppointments !== undefined || body.requireMdCosignature !== undefined,
    { message: 'Send slug, providersManageAllAppointments or requireMdCosignature.' },
  );
export type UpdatePracticeSettingsRequest = z.input<typeof updatePracticeSettingsRequestSchema>;

export const portalPracticeParamsSchema = z.strictObject({
  slug: z.string().min(1).max(100),
});

/** What the portal's sign-in page shows of the practice before anyone signs in. */
export const portalPracticeSchema = z.object({
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
});
export type PortalPractice = z.infer<typeof portalPracticeSchema>;

export const signInChannelSchema = z.enum(['sms', 'email'], { message: "The channel is 'sms' or 'email'." });
export type SignInChannel = z.infer<typeof signInChannelSchema>;

const contactFields = {
  channel: signInChannelSchema,
  phone: e164PhoneSchema.optional(),
  email: emailSchema.optional(),
};

/** The phone for 'sms', the email for 'email', and not the other one. */
function requireContactOfChannel(
  value: { channel: SignInChannel; phone?: string | undefined; email?: string | undefined },
  context: z.RefinementCtx,
) {
  const [wanted, other] = value.channel === 'sms' ? (['phone', 'email'] as const) : (['email', 'phone'] as const);
  if (value[wanted] === undefined) {
    context.addIssue({
      code: 'custom',
      path: [wanted],
      message: wanted === 'phone' ? 'Enter your mobile phone number.' : 'Enter your email address.',
    });
  }
  if (value[other] !== undefined) {
    context.addIssue({ code: 'custom', path: [other], message: `Send only the ${wanted} when the channel is ${value.channel}.` });
  }
}

/** `POST /api/v1/portal/<slug>/auth/code`: send a sign-in code to this phone (SMS) or email. */
export const requestSignInCodeSchema = z.strictObject(contactFields).superRefine(requireContactOfChannel);
export type RequestSignInCode = z.input<typeof requestSignInCodeSchema>;

/** The same answer whether or not the phone or email is on file. */
export const signInCodeRequestedSchema = z.object({
  /** When Resend may be pressed. */
  resendAfterSeconds: z.number().int(),
  /** How long a code stays valid. */
  expiresInSeconds: z.number().int(),
});
export type SignInCodeRequested = z.infer<typeof signInCodeRequestedSchema>;

export const verifySignInCodeSchema = z
  .strictObject({
    ...contactFields,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: 'The code is 6 digits.' }),
  })
  .superRefine(requireContactOfChannel);
export type VerifySignInCode = z.input<typeof verifySignInCodeSchema>;

/** `needsIdentity`: several profiles share the phone or email; identify opens the right one. */
export const portalSignedInSchema = z.object({ needsIdentity: z.boolean() });
export type PortalSignedIn = z.infer<typeof portalSignedInSchema>;

export const identifyPatientSchema = z.strictObject({
  dateOfBirth: localDateSchema,
  lastName: z.string().trim().min(1, { message: 'Enter your last name.' }).max(100),
  /** Asked only when two profiles share the contact, the date of birth and the last name (twins). */
  firstName: z.string().trim().min(1).max(100).optional(),
});
export type IdentifyPatient = z.input<typeof identifyPatientSchema>;

/**
 * `GET /api/v1/portal/me`: the signed-in patient's own profile and session, and the practice
 * the session belongs to: a portal open at another practice's address treats it as signed out.
 */
export const portalMeSchema = z.object({
  patient: z.object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
  }),
  session: z.object({ idleTimeoutMinutes: z.number().int(), expiresAt: z.string() }),
  practice: portalPracticeSchema,
  /**
   * The profiles the signed-in patient may view: their own first, then those of dependants
   * staff granted them (docs/decisions/025). `patient` stays the signed-in patient.
   */
  profiles: z.array(z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), relation: z.enum(['self', 'dependant']) })),
  /** The profile every portal page reads now: the patient's own, or a dependant's after a switch. */
  activeProfileId: z.string(),
});
export type PortalMe = z.infer<typeof portalMeSchema>;

export const portalAppointmentScopeSchema = z.enum(['upcoming', 'past'], { message: "The scope is 'upcoming' or 'past'." });
export type PortalAppointmentScope = z.infer<typeof portalAppointmentScopeSchema>;

export const portalAppointmentsQuerySchema = z.strictObject({
  scope: portalAppointmentScopeSchema.default('upcoming'),
});

/** One of the signed-in patient's appointments; times are instants, shown in the clinic's zone. */
export const portalAppointmentSchema = z.object({
  id: z.string(),
  status: z.enum(['booked', 'confirmed', 'checked_in', 'in_procedure', 'completed', 'cancelled', 'no_show']),
  mode: z.enum(['in_person', 'virtual']).nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  services: z.array(z.string()),
  clinic: z.object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  provider: z.object({ id: z.string(), name: z.string() }),
  /** What the patient may do with it in the portal now (the practice's Booking Portal windows). */
  actions: z.object({ confirm: z.boolean(), reschedule: z.boolean(), cancel: z.boolean() }),
  /**
   * The late cancellation fee cancelling now would charge to the card on file, with the
   * policy the patient agreed to when the card was taken; null when cancelling is free (or
   * not open). Show both and ask the patient to accept them before cancelling.
   */
  cancellationFee: z
    .object({
      amountCents: z.number().int(),
      currency: z.string(),
      /** The amount as shown, e.g. "$25.00". */
      amountLabel: z.string(),
      /** The fee applies within this many hours of the start. */
      windowHours: z.number().int(),
      policy: z.object({ version: z.number().int(), text: z.string() }),
    })
    .nullable(),
});
export type PortalAppointment = z.infer<typeof portalAppointmentSchema>;

export const portalAppointmentListSchema = z.object({ items: z.array(portalAppointmentSchema) });
export type PortalAppointmentList = z.infer<typeof portalAppointmentListSchema>;

export const portalAppointmentParamsSchema = z.strictObject({ appointmentId: idSchema });

/** `POST /api/v1/portal/appointments/:appointmentId/cancel` (send `{}` when no fee applies): `true` required when the appointment shows a cancellationFee. */
export const cancelPortalAppointmentSchema = z.strictObject({
  acceptCancellationFee: z.boolean().default(false),
});
export type CancelPortalAppointment = z.input<typeof cancelPortalAppointmentSchema>;

/** How the late cancellation fee went at the card on file (the appointment is cancelled whatever it says). */
export const portalFeeChargeSchema = z.object({
  /**
   * paid; declined or authentication_required (nothing was charged: the clinic will be in
   * touch about the fee); pending (the card network has not answered yet); failed.
   */
  status: z.enum(['paid', 'declined', 'authentication_required', 'pending', 'failed']),
  amountCents: z.number().int(),
  currency: z.string(),
  message: z.string(),
});
export type PortalFeeCharge = z.infer<typeof portalFeeChargeSchema>;

export const portalCancellationSchema = z.object({
  appointment: portalAppointmentSchema,
  fee: portalFeeChargeSchema.nullable(),
});
export type PortalCancellation = z.infer<typeof portalCancellationSchema>;

/** `POST /api/v1/portal/appointments/:appointmentId/reschedule`: a start from the reschedule availability; any free provider when providerId is left out. */
export const reschedulePortalAppointmentSchema = z.strictObject({
  start: isoInstantSchema,
  providerId: idSchema.optional(),
});
export type ReschedulePortalAppointment = z.input<typeof reschedulePortalAppointmentSchema>;

/** The longest span one reschedule availability search may cover. */
export const PORTAL_AVAILABILITY_MAX_DAYS = 31;

/** `GET /api/v1/portal/appointments/:appointmentId/reschedule-availability`: open starts in [from, to) for the appointment's services. */
export const portalRescheduleAvailabilityQuerySchema = z
  .strictObject({
    from: isoInstantSchema,
    to: isoInstantSchema,
    providerId: idSchema.optional(),
  })
  .superRefine((range, context) => {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    if (to <= from) context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from.' });
    else if (to - from > PORTAL_AVAILABILITY_MAX_DAYS * 86_400_000) {
      context.addIssue({ code: 'custom', path: ['to'], message: `The range may span at most ${PORTAL_AVAILABILITY_MAX_DAYS} days.` });
    }
  });
export type PortalRescheduleAvailabilityQuery = z.input<typeof portalRescheduleAvailabilityQuerySchema>;

export const portalRescheduleAvailabilitySchema = z.object({
  appointmentId: idSchema,
  clinicId: idSchema,
  /** The clinic's zone: show the starts in it. */
  timezone: z.string(),
  /** Open starts, soonest first; each visit's start and end as instants, and who could take it. */
  slots: z.array(z.object({ start: z.string(), end: z.string(), providerIds: z.array(idSchema) })),
  /** Names of the providers the slots mention. */
  providers: z.array(z.object({ id: idSchema, name: z.string() })),
});
export type PortalRescheduleAvailability = z.infer<typeof portalRescheduleAvailabilitySchema>;

/** One thing the practice sent the patient (a confirmation, a reminder, a paperwork request…), as the portal's Notifications list it. */
export const portalNotificationSchema = z.object({
  id: idSchema,
  kind: messageTemplateKeySchema,
  channel: messageChannelSchema,
  /** The email's subject; null for a text message. */
  subject: z.string().nullable(),
  body: z.string(),
  sentAt: z.string(),
  appointmentId: idSchema.nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
});
export type PortalNotification = z.infer<typeof portalNotificationSchema>;

/** `GET /api/v1/portal/notifications`: newest first. */
export const portalNotificationListSchema = z.object({
  items: z.array(portalNotificationSchema),
  unreadCount: z.number().int(),
});
export type PortalNotificationList = z.infer<typeof portalNotificationListSchema>;

export const portalNotificationParamsSchema = z.strictObject({ notificationId: idSchema });

/**
 * `GET /api/v1/patients/:patientId/portal-access`: whether the client has signed in to the
 * portal, when last, how many portal sessions are open now, the contacts a code can go to,
 * and the portal's address (null until the practice chooses one).
 */
export const patientPortalAccessSchema = z.object({
  hasSignedIn: z.boolean(),
  firstSignedInAt: z.string().nullable(),
  lastSignedInAt: z.string().nullable(),
  signInCount: z.number().int(),
  activeSessions: z.number().int(),
  signInContacts: z.array(z.object({ channel: signInChannelSchema, address: z.string() })),
  portalPath: z.string().nullable(),
});
export type PatientPortalAccess = z.infer<typeof patientPortalAccessSchema>;
