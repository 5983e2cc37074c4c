import { z } from 'zod';
import { e164PhoneSchema, idSchema, isoInstantSchema, localDateSchema } from './common.ts';

// ---------------------------------------------------------------------------------------------
// Shared field rules
// ---------------------------------------------------------------------------------------------

const knownTimeZones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** True for an IANA zone this runtime knows (America/New_York, Asia/Kolkata, UTC). */
export function isKnownTimeZone(zone: string): boolean {
  if (knownTimeZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isKnownTimeZone, { message: 'Must be an IANA time zone such as America/New_York.' });

const nameSchema = z.string().trim().min(1, { message: 'Enter a name.' }).max(200);
/** Optional text: trimmed, and blank means none (null). */
const optionalTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => (text === '' ? null : text))
    .nullable();

/** E.164: a plus, a country code and up to 15 digits, e.g. +13105550123. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 4217 currency code such as USD.' });
/** Money in integer minor units (cents); at most 1,000,000.00. */
export const amountCentsSchema = z
  .number()
  .int({ message: 'Must be a whole number of cents.' })
  .min(0, { message: 'Must not be negative.' })
  .max(100_000_000);
export const hexColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'Must be a hex color such as #7c3aed.' })
  .transform((color) => color.toLowerCase());
/** Clinic-local calendar date 'YYYY-MM-DD'. */
/** Clinic-local wall-clock start 'HH:MM' (00:00–23:59). */
export const wallClockStartSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { message: 'Must be a time HH:MM from 00:00 to 23:59.' });
/** Clinic-local wall-clock end 'HH:MM'; '24:00' is midnight at the end of the day. */
export const wallClockEndSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'Must be a time HH:MM from 00:01 to 24:00.' });

const uniqueIds = (label: string) =>
  z
    .array(idSchema)
    .max(200)
    .superRefine((ids, context) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) context.addIssue({ code: 'custom', path: [index], message: `This ${label} is listed twice.` });
        seen.add(id);
      });
    });

const atLeastOneField = (update: Record<string, unknown>) => Object.keys(update).length > 0;
const atLeastOneFieldMessage = { message: 'Send at least one field to change.' };

/** `?active=true|false` */
const booleanQuerySchema = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `?serviceIds=a,b,c`: up to 10 service ids booked back to back, in order. */
export const serviceIdListQuerySchema = z
  .string()
  .max(400)
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(idSchema).min(1).max(10));

const timestampsAndVersion = {
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Send back in If-Match (as `"<version>"`) to refuse an edit over someone else's. */
  version: z.number().int(),
};

// ---------------------------------------------------------------------------------------------
// Clinics
// ---------------------------------------------------------------------------------------------

export const clinicSchema = z.object({
  id: idSchema,
  name: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().nullable(),
  phone: z.string().nullable(),
  timezone: z.string(),
  notificationEmail: z.string().nullable(),
  smsNotificationPhone: z.string().nullable(),
  /** Offered slot starts sit on local multiples of this from midnight. */
  slotStepMinutes: z.number().int(),
  /** Staff searches offer no start sooner than now + this. */
  minimumNoticeMinutes: z.number().int(),
  /** No start later than this many local days ahead. */
  bookingHorizonDays: z.number().int(),
  ...timestampsAndVersion,
});
export type Clinic = z.infer<typeof clinicSchema>;

const clinicFields = {
  name: nameSchema,
  addressLine1: optionalTextSchema(200),
  addressLine2: optionalTextSchema(200),
  city: optionalTextSchema(120),
  region: optionalTextSchema(120),
  postalCode: optionalTextSchema(20),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'Must be an ISO 3166 country code such as US.' })
    .nullable(),
  phone: z.string().trim().min(5).max(40).nullable(),
  timezone: timeZoneSchema,
  notificationEmail: z
    .email({ message: 'Must be a valid email address.' })
    .max(254)
    .transform((email) => email.toLowerCase())
    .nullable(),
  smsNotificationPhone: e164PhoneSchema.nullable(),
  slotStepMinutes: z.number().int().min(5).max(240),
  minimumNoticeMinutes: z.number().int().min(0).max(43_200),
  bookingHorizonDays: z.number().int().min(1).max(730),
  active: z.boolean(),
};

export const createClinicRequestSchema = z.strictObject({
  name: clinicFields.name,
  timezone: clinicFields.timezone,
  addressLine1: clinicFields.addressLine1.optional(),
  addressLine2: clinicFields.addressLine2.optional(),
  city: clinicFields.city.optional(),
  region: clinicFields.region.optional(),
  postalCode: clinicFields.postalCode.optional(),
  country: clinicFields.country.optional(),
  phone: clinicFields.phone.optional(),
  notificationEmail: clinicFields.notificationEmail.optional(),
  smsNotificationPhone: clinicFields.smsNotificationPhone.optional(),
  slotStepMinutes: clinicFields.slotStepMinutes.default(15),
  minimumNoticeMinutes: clinicFields.minimumNoticeMinutes.default(0),
  bookingHorizonDays: clinicFields.bookingHorizonDays.default(365),
});
export type CreateClinicRequest = z.input<typeof createClinicRequestSchema>;

export const updateClinicRequestSchema = z
  .strictObject({
    name: clinicFields.name.optional(),
    timezone: clinicFields.timezone.optional(),
    addressLine1: clinicFields.addressLine1.optional(),
    addressLine2: clinicFields.addressLine2.optional(),
    city: clinicFields.city.optional(),
    region: clinicFields.region.optional(),
    postalCode: clinicFields.postalCode.optional(),
    country: clinicFields.country.optional(),
    phone: clinicFields.phone.optional(),
    notificationEmail: clinicFields.notificationEmail.optional(),
    smsNotificationPhone: clinicFields.smsNotificationPhone.optional(),
    slotStepMinutes: clinicFields.slotStepMinutes.optional(),
    minimumNoticeMinutes: clinicFields.minimumNoticeMinutes.optional(),
    bookingHorizonDays: clinicFields.bookingHorizonDays.optional(),
    active: clinicFields.active.optional(),
  })
  .refine(atLeastOneField, atLeastOneFieldMessage);
export type UpdateClinicRequest = z.input<typeof updateClinicRequestSchema>;

export const clinicListQuerySchema = z.strictObject({ active: booleanQuerySchema.optional() });
export const clinicListSchema = z.object({ items: z.array(clinicSchema) });

// ---------------------------------------------------------------------------------------------
// Resources: rooms and equipment of a clinic
// ---------------------------------------------------------------------------------------------

export const resourceKindSchema = z.enum(['room', 'equipment']);
export type ResourceKind = z.infer<typeof resourceKindSchema>;

export const resourceSchema = z.object({
  id: idSchema,
  clinicId: idSchema,
  name: z.string(),
  kind: resourceKindSchema,
  /** How many bookings may use it at once (three identical rooms = one resource of quantity 3). */
  quantity: z.number().int(),
  ...timestampsAndVersion,
});
export type Resource = z.infer<typeof resourceSchema>;

const resourceQuantitySchema = z.number().int().min(1, { message: 'Must be at least 1.' }).max(100);

export const createResourceRequestSchema = z.strictObject({
  clinicId: idSchema,
  name: nameSchema,
  kind: resourceKindSchema,
  quantity: resourceQuantitySchema.default(1),
});
export type CreateResourceRequest = z.input<typeof createResourceRequestSchema>;

/** A resource stays at its clinic: services that need it are offered there. */
export const updateResourceRequestSchema = z
  .strictObject({
    name: nameSchema.optional(),
    kind: resourceKindSchema.optional(),
    quantity: resourceQuantitySchema.optional(),
    active: z.boolean().optional(),
  })
  .refine(atLeastOneField, atLeastOneFieldMessage);
export type UpdateResourceRequest = z.input<typeof updateResourceRequestSchema>;

export const resourceListQuerySchema = z.strictObject({
  clinicId: idSchema.optional(),
  kind: resourceKindSchema.optional(),
  active: booleanQuerySchema.optional(),
});
export const resourceListSchema = z.object({ items: z.array(resourceSchema) });

// ---------------------------------------------------------------------------------------------
// Services and packages
// ---------------------------------------------------------------------------------------------

export const serviceModeSchema = z.enum(['in_person', 'virtual', 'both']);
export type ServiceMode = z.infer<typeof serviceModeSchema>;

export const serviceSchema = z.object({
  id: idSchema,
  name: z.string(),
  category: z.string().nullable(),
  description: z.string().nullable(),
  durationMinutes: z.number().int(),
  /** Provider preparation before the visit: blocks the provider, not the patient. */
  bufferBeforeMinutes: z.number().int(),
  /** Provider clean-up after the visit: blocks the provider, not the patient. */
  bufferAfterMinutes: z.number().int(),
  priceCents: z.number().int(),
  currency: z.string(),
  cancellationFeeCents: z.number().int(),
  noShowFeeCents: z.number().int(),
  mode: serviceModeSchema,
  bookableOnline: z.boolean(),
  /** The online booking page takes a card on file and the clinic's cancellation policy's acceptance before booking it. */
  requiresCardForOnlineBooking: z.boolean(),
  /** Clinics that offer the service. */
  clinicIds: z.array(idSchema),
  /** Resources it needs, one unit each; each belongs to one of `clinicIds` and is needed there. */
  resourceIds: z.array(idSchema),
  /** Providers who perform it (the same list as each provider's `serviceIds`). */
  providerIds: z.array(idSchema),
  ...timestampsAndVersion,
});
export type Service = z.infer<typeof serviceSchema>;

const serviceFields = {
  name: nameSchema,
  category: optionalTextSchema(100),
  description: optionalTextSchema(2000),
  durationMinutes: z.number().int().min(1, { message: 'Must be at least 1 minute.' }).max(720),
  bufferBeforeMinutes: z.number().int().min(0, { message: 'Must not be negative.' }).max(240),
  bufferAfterMinutes: z.number().int().min(0, { message: 'Must not be negative.' }).max(240),
  priceCents: amountCentsSchema,
  currency: currencySchema,
  cancellationFeeCents: amountCentsSchema,
  noShowFeeCents: amountCentsSchema,
  mode: serviceModeSchema,
  bookableOnline: z.boolean(),
  requiresCardForOnlineBooking: z.boolean(),
  clinicIds: uniqueIds('clinic'),
  resourceIds: uniqueIds('resource'),
  providerIds: uniqueIds('provider'),
};

export const createServiceRequestSchema = z.strictObject({
  name: serviceFields.name,
  category: serviceFields.category.optional(),
  description: serviceFields.description.optional(),
  durationMinutes: serviceFields.durationMinutes,
  bufferBeforeMinutes: serviceFields.bufferBeforeMinutes.default(0),
  bufferAfterMinutes: serviceFields.bufferAfterMinutes.default(0),
  priceCents: serviceFields.priceCents,
  currency: serviceFields.currency.default('USD'),
  cancellationFeeCents: serviceFields.cancellationFeeCents.default(0),
  noShowFeeCents: serviceFields.noShowFeeCents.default(0),
  mode: serviceFields.mode.default('in_person'),
  bookableOnline: serviceFields.bookableOnline.default(true),
  requiresCardForOnlineBooking: serviceFields.requiresCardForOnlineBooking.default(false),
  clinicIds: serviceFields.clinicIds.default([]),
  resourceIds: serviceFields.resourceIds.default([]),
  providerIds: serviceFields.providerIds.default([]),
});
export type CreateServiceRequest = z.input<typeof createServiceRequestSchema>;

/** Lists (`clinicIds`, `resourceIds`, `providerIds`) replace the whole list when sent. */
export const updateServiceRequestSchema = z
  .strictObject({
    name: serviceFields.name.optional(),
    category: serviceFields.category.optional(),
    description: serviceFields.description.optional(),
    durationMinutes: serviceFields.durationMinutes.optional(),
    bufferBeforeMinutes: serviceFields.bufferBeforeMinutes.optional(),
    bufferAfterMinutes: serviceFields.bufferAfterMinutes.optional(),
    priceCents: serviceFields.priceCents.optional(),
    currency: serviceFields.currency.optional(),
    cancellationFeeCents: serviceFields.cancellationFeeCents.optional(),
    noShowFeeCents: serviceFields.noShowFeeCents.optional(),
    mode: serviceFields.mode.optional(),
    bookableOnline: serviceFields.bookableOnline.optional(),
    requiresCardForOnlineBooking: serviceFields.requiresCardForOnlineBooking.optional(),
    clinicIds: serviceFields.clinicIds.optional(),
    resourceIds: serviceFields.resourceIds.optional(),
    providerIds: serviceFields.providerIds.optional(),
    active: z.boolean().optional(),
  })
  .refine(atLeastOneField, atLeastOneFieldMessage);
export type UpdateServiceRequest = z.input<typeof updateServiceRequestSchema>;

export const serviceListQuerySchema = z.strictObject({
  clinicId: idSchema.optional(),
  providerId: idSchema.optional(),
  category: z.string().max(100).optional(),
  mode: serviceModeSchema.optional(),
  active: booleanQuerySchema.optional(),
  bookableOnline: booleanQuerySchema.optional(),
});
export const serviceListSchema = z.object({ items: z.array(serviceSchema) });

export const servicePackageSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  priceCents: z.number().int(),
  currency: z.string(),
  /** Booked back to back in this order. */
  serviceIds: z.array(idSchema),
  ...timestampsAndVersion,
});
export type ServicePackage = z.infer<typeof servicePackageSchema>;

const packageServiceIdsSchema = z.array(idSchema).min(2, { message: 'A package holds at least two services.' }).max(10);

export const createServicePackageRequestSchema = z.strictObject({
  name: nameSchema,
  description: serviceFields.description.optional(),
  priceCents: amountCentsSchema,
  currency: currencySchema.default('USD'),
  serviceIds: packageServiceIdsSchema,
});
export type CreateServicePackageRequest = z.input<typeof createServicePackageRequestSchema>;

export const updateServicePackageRequestSchema = z
  .strictObject({
    name: nameSchema.optional(),
    description: serviceFields.description.optional(),
    priceCents: amountCentsSchema.optional(),
    currency: currencySchema.optional(),
    serviceIds: packageServiceIdsSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine(atLeastOneField, atLeastOneFieldMessage);
export type UpdateServicePackageRequest = z.input<typeof updateServicePackageRequestSchema>;

export const servicePackageListQuerySchema = z.strictObject({ active: booleanQuerySchema.optional() });
export const servicePackageListSchema = z.object({ items: z.array(servicePackageSchema) });

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

export const providerSchema = z.object({
  id: idSchema,
  /** The staff account that signs in as this provider. */
  staffId: idSchema,
  displayName: z.string(),
  /** Credentials shown to patients, e.g. 'NP', 'RN, CANS'. */
  title: z.string().nullable(),
  color: z.string(),
  virtualRoomUrl: z.string().nullable(),
  clinicIds: z.array(idSchema),
  serviceIds: z.array(idSchema),
  ...timestampsAndVersion,
});
export type Provider = z.infer<typeof providerSchema>;

const providerFields = {
  displayName: z.string().trim().min(1, { message: 'Enter a name.' }).max(120),
  title: optionalTextSchema(80),
  color: hexColorSchema,
  virtualRoomUrl: z
    .url({ protocol: /^https$/, message: 'Must be an https:// link.' })
    .max(500)
    .nullable(),
  clinicIds: uniqueIds('clinic'),
  serviceIds: uniqueIds('service'),
};

export const createProviderRequestSchema = z.strictObject({
  staffId: idSchema,
  /** Defaults to the staff member's name. */
  displayName: providerFields.displayName.optional(),
  title: providerFields.title.optional(),
  color: providerFields.color.optional(),
  virtualRoomUrl: providerFields.virtualRoomUrl.optional(),
  clinicIds: providerFields.clinicIds.default([]),
  serviceIds: providerFields.serviceIds.default([]),
});
export type CreateProviderRequest = z.input<typeof createProviderRequestSchema>;

/** Lists replace the whole list when sent. */
export const updateProviderRequestSchema = z
  .strictObject({
    displayName: providerFields.displayName.optional(),
    title: providerFields.title.optional(),
    color: providerFields.color.optional(),
    virtualRoomUrl: providerFields.virtualRoomUrl.optional(),
    clinicIds: providerFields.clinicIds.optional(),
    serviceIds: providerFields.serviceIds.optional(),
    active: z.boolean().optional(),
  })
  .refine(atLeastOneField, atLeastOneFieldMessage);
export type UpdateProviderRequest = z.input<typeof updateProviderRequestSchema>;

export const providerListQuerySchema = z.strictObject({
  clinicId: idSchema.optional(),
  serviceId: idSchema.optional(),
  active: booleanQuerySchema.optional(),
});
export const providerListSchema = z.object({ items: z.array(providerSchema) });

// ---------------------------------------------------------------------------------------------
// Schedules: weekly rules and date overrides, in the clinic's local time
// ---------------------------------------------------------------------------------------------

export const isoWeekdaySchema = z
  .number()
  .int()
  .min(1, { message: 'Must be 1 (Monday) to 7 (Sunday).' })
  .max(7, { message: 'Must be 1 (Monday) to 7 (Sunday).' });

/**
 * One working interval. `end` must be after `start`; a shift past midnight is two intervals,
 * one ending '24:00' and one starting '00:00' the next day (touching intervals join up).
 */
export const wallClockIntervalSchema = z
  .strictObject({ start: wallClockStartSchema, end: wallClockEndSchema })
  .superRefine((interval, context) => {
    if (interval.end <= interval.start) {
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'Must be after start. To work past midnight, end at 24:00 and continue from 00:00 on the next day.',
      });
    }
  });
export type WallClockIntervalInput = z.input<typeof wallClockIntervalSchema>;

export const scheduleRuleInputSchema = z
  .strictObject({
    weekday: isoWeekdaySchema,
    start: wallClockStartSchema,
    end: wallClockEndSchema,
    /** First local date the rule applies; defaults to the clinic's today. */
    effectiveFrom: localDateSchema.optional(),
    /** Last local date the rule applies (inclusive); null or absent = open-ended. */
    effectiveTo: localDateSchema.nullable().optional(),
  })
  .superRefine((rule, context) => {
    if (rule.end <= rule.start) {
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'Must be after start. To work past midnight, end at 24:00 and add a rule from 00:00 on the next weekday.',
      });
    }
    if (rule.effectiveFrom && rule.effectiveTo && rule.effectiveTo < rule.effectiveFrom) {
      context.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'Must be on or after effectiveFrom.' });
    }
  });
export type ScheduleRuleInput = z.input<typeof scheduleRuleInputSchema>;

/** Replaces every weekly rule the provider has at the clinic; an empty list clears them. */
export const replaceScheduleRulesRequestSchema = z.strictObject({
  clinicId: idSchema,
  rules: z.array(scheduleRuleInputSchema).max(200),
});
export type ReplaceScheduleRulesRequest = z.input<typeof replaceScheduleRulesRequestSchema>;

export const scheduleRuleSchema = z.object({
  id: idSchema,
  clinicId: idSchema,
  weekday: z.number().int(),
  start: z.string(),
  end: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});
export type ScheduleRule = z.infer<typeof scheduleRuleSchema>;

export const scheduleRulesQuerySchema = z.strictObject({ clinicId: idSchema.optional() });
export const scheduleRuleListSchema = z.object({ providerId: idSchema, items: z.array(scheduleRuleSchema) });

export const createScheduleOverrideRequestSchema = z
  .strictObject({
    clinicId: idSchema,
    localDate: localDateSchema,
    /** The hours worked that day instead of the weekly rules; empty = day off. */
    intervals: z.array(wallClockIntervalSchema).max(12),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .superRefine((override, context) => {
    const sorted = override.intervals.map((interval, index) => ({ ...interval, index })).sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let position = 1; position < sorted.length; position += 1) {
      const previous = sorted[position - 1];
      const current = sorted[position];
      if (previous && current && current.start < previous.end) {
        context.addIssue({ code: 'custom', path: ['intervals', current.index], message: `Overlaps ${previous.start}–${previous.end}.` });
      }
    }
  });
export type CreateScheduleOverrideRequest = z.input<typeof createScheduleOverrideRequestSchema>;

export const scheduleOverrideSchema = z.object({
  id: idSchema,
  providerId: idSchema,
  clinicId: idSchema,
  localDate: z.string(),
  intervals: z.array(z.object({ start: z.string(), end: z.string() })),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type ScheduleOverride = z.infer<typeof scheduleOverrideSchema>;

export const scheduleOverrideListQuerySchema = z.strictObject({
  clinicId: idSchema.optional(),
  fromDate: localDateSchema.optional(),
  toDate: localDateSchema.optional(),
});
export const scheduleOverrideListSchema = z.object({ providerId: idSchema, items: z.array(scheduleOverrideSchema) });

/** The longest span a schedule or availability search may cover. */
export const LONGEST_SEARCH_DAYS = 93;

const instantRangeQuery = {
  from: isoInstantSchema,
  to: isoInstantSchema,
};

function checkInstantRange(range: { from: string; to: string }, context: z.RefinementCtx): void {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (to <= from) context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from.' });
  else if (to - from > LONGEST_SEARCH_DAYS * 86_400_000) {
    context.addIssue({ code: 'custom', path: ['to'], message: `The range may span at most ${LONGEST_SEARCH_DAYS} days.` });
  }
}

export const providerScheduleQuerySchema = z
  .strictObject({ ...instantRangeQuery, clinicId: idSchema.optional() })
  .superRefine(checkInstantRange);

export const workingIntervalSchema = z.object({
  clinicId: idSchema,
  /** UTC instants, ISO 8601. */
  start: z.string(),
  end: z.string(),
  /** The clinic-local date the interval belongs to (the date it starts on). */
  localDate: z.string(),
  /** Clinic-local wall clock with offset, e.g. '2026-03-08T09:00-04:00'. */
  localStart: z.string(),
  localEnd: z.string(),
  source: z.enum(['weekly', 'override']),
});
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

export const providerScheduleSchema = z.object({ providerId: idSchema, intervals: z.array(workingIntervalSchema) });
export type ProviderScheduleResponse = z.infer<typeof providerScheduleSchema>;

// ---------------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------------

function checkServicesOrPackage(
  query: { serviceIds?: string[] | undefined; packageId?: string | undefined },
  context: z.RefinementCtx,
): void {
  if (query.serviceIds === undefined && query.packageId === undefined) {
    context.addIssue({ code: 'custom', path: ['serviceIds'], message: 'Send serviceIds or packageId.' });
  } else if (query.serviceIds !== undefined && query.packageId !== undefined) {
    context.addIssue({ code: 'custom', path: ['packageId'], message: 'Send serviceIds or packageId, not both.' });
  }
}

export const visitModeSchema = z.enum(['in_person', 'virtual']);
export type VisitMode = z.infer<typeof visitModeSchema>;

export const availabilityQuerySchema = z
  .strictObject({
    clinicId: idSchema,
    serviceIds: serviceIdListQuerySchema.optional(),
    packageId: idSchema.optional(),
    providerId: idSchema.optional(),
    /** In person claims the services' rooms and equipment; virtual claims none. Default: virtual when every service is virtual-only. */
    mode: visitModeSchema.optional(),
    ...instantRangeQuery,
  })
  .superRefine((query, context) => {
    checkServicesOrPackage(query, context);
    checkInstantRange(query, context);
  });
export type AvailabilityQueryInput = z.input<typeof availabilityQuerySchema>;

export const openSlotSchema = z.object({
  /** Start and end of the patient's visit (buffers excluded), ISO 8601 UTC. */
  start: z.string(),
  end: z.string(),
  /** Every provider who could take the whole visit at this start. */
  providerIds: z.array(z.string()),
  /** Resources the booking would claim. */
  resourceIds: z.array(z.string()),
});
export type OpenSlot = z.infer<typeof openSlotSchema>;

export const availabilitySchema = z.object({
  clinicId: idSchema,
  timezone: z.string(),
  serviceIds: z.array(idSchema),
  mode: visitModeSchema,
  slots: z.array(openSlotSchema),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const availableProvidersQuerySchema = z
  .strictObject({
    clinicId: idSchema,
    serviceIds: serviceIdListQuerySchema.optional(),
    packageId: idSchema.optional(),
    mode: visitModeSchema.optional(),
    start: isoInstantSchema,
  })
  .superRefine(checkServicesOrPackage);

export const availableProvidersSchema = z.object({
  start: z.string(),
  end: z.string(),
  items: z.array(z.object({ id: idSchema, displayName: z.string(), title: z.string().nullable(), color: z.string() })),
});
export type AvailableProviders = z.infer<typeof availableProvidersSchema>;
