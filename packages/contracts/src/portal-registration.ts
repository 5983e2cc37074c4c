import { z } from 'zod';
import { e164PhoneSchema, emailSchema, idSchema, localDateSchema } from './common.ts';
import { genderSchema, patientSchema } from './patients.ts';
import { signInChannelSchema, type SignInChannel } from './portal.ts';

const requiredText = (label: string, max: number) =>
  z
    .string({ message: `Enter your ${label}.` })
    .trim()
    .min(1, { message: `Enter your ${label}.` })
    .max(max, { message: `At most ${max} characters.` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters.` })
    .optional();

/** The postal address a new client gives (line 2 and the country are optional). */
export const registrationAddressSchema = z.strictObject({
  line1: requiredText('street address', 200),
  line2: optionalText(200),
  city: requiredText('city', 100),
  region: requiredText('state or region', 100),
  postalCode: requiredText('ZIP or postal code', 20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter country code, e.g. US.' })
    .optional(),
});
export type RegistrationAddress = z.infer<typeof registrationAddressSchema>;

/** Today's date where the day has begun earliest (UTC+14): a birth date may not be later. */
function latestPossibleBirthDate(): string {
  return new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export const registrationFields = {
  channel: signInChannelSchema,
  phone: e164PhoneSchema.optional(),
  email: emailSchema.optional(),
  firstName: requiredText('first name', 100),
  lastName: requiredText('last name', 100),
  dateOfBirth: localDateSchema.refine((date) => date <= latestPossibleBirthDate(), {
    message: 'The date of birth cannot be in the future.',
  }),
  gender: genderSchema.optional(),
  address: registrationAddressSchema.optional(),
  /** How did you hear about us? */
  referralSource: optionalText(200),
  marketingOptIn: z.boolean().optional(),
};

/**
 * `POST /api/v1/portal/<slug>/auth/register`: New Client Registration. Phone and/or email;
 * the code goes to the one the channel names, which must be given.
 */
export const registerPatientSchema = z.strictObject(registrationFields).superRefine((value, context) => {
  const wanted = value.channel === 'sms' ? 'phone' : 'email';
  if (value[wanted] === undefined) {
    context.addIssue({
      code: 'custom',
      path: [wanted],
      message:
        wanted === 'phone'
          ? 'Enter your mobile phone number to get the code by text.'
          : 'Enter your email address to get the code by email.',
    });
  }
});
export type RegisterPatient = z.input<typeof registerPatientSchema>;
export type RegistrationDetails = z.output<typeof registerPatientSchema>;

/**
 * What the registration's code opened: a new profile (created), the profile already holding
 * the phone or email whose date of birth and last name match (claimed), or nothing yet: the
 * practice's staff will link the registration (queued).
 */
export const registrationOutcomeSchema = z.enum(['created', 'claimed', 'queued']);
export type RegistrationOutcome = z.infer<typeof registrationOutcomeSchema>;

export const registrationVerifiedSchema = z.object({ outcome: registrationOutcomeSchema });
export type RegistrationVerified = z.infer<typeof registrationVerifiedSchema>;

export const portalRegistrationStatusSchema = z.enum([
  'pending',
  'created',
  'claimed',
  'queued',
  'merged',
  'created_by_staff',
  'dismissed',
]);
export type PortalRegistrationStatus = z.infer<typeof portalRegistrationStatusSchema>;

/** What the registration said, as stored. */
export const registrationDetailsSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  dateOfBirth: z.string(),
  gender: genderSchema.nullable(),
  address: z
    .object({
      line1: z.string(),
      line2: z.string().nullable(),
      city: z.string(),
      region: z.string(),
      postalCode: z.string(),
      country: z.string().nullable(),
    })
    .nullable(),
  referralSource: z.string().nullable(),
  marketingOptIn: z.boolean(),
});
export type StoredRegistrationDetails = z.infer<typeof registrationDetailsSchema>;

/** A registration waiting in the staff queue, with the profiles that hold its proved contact. */
export const portalRegistrationSchema = z.object({
  id: idSchema,
  status: portalRegistrationStatusSchema,
  submittedAt: z.string(),
  verifiedAt: z.string().nullable(),
  /** The contact the code proved. */
  channel: signInChannelSchema,
  contact: z.string(),
  details: registrationDetailsSchema,
  /** Profiles that hold the proved phone or email (the ones the registration may be merged into). */
  matches: z.array(patientSchema),
});
export type PortalRegistration = z.infer<typeof portalRegistrationSchema>;

export const portalRegistrationListSchema = z.object({ items: z.array(portalRegistrationSchema) });
export type PortalRegistrationList = z.infer<typeof portalRegistrationListSchema>;

export const portalRegistrationCountSchema = z.object({ count: z.number().int() });
export type PortalRegistrationCount = z.infer<typeof portalRegistrationCountSchema>;

export const portalRegistrationParamsSchema = z.strictObject({ registrationId: idSchema });

/** The parts of a registration staff may copy onto a profile. */
export const registrationFieldSchema = z.enum([
  'firstName',
  'lastName',
  'phone',
  'email',
  'dateOfBirth',
  'gender',
  'address',
  'referralSource',
  'marketingConsent',
]);
export type RegistrationField = z.infer<typeof registrationFieldSchema>;

/** Merge into this profile: copy these fields of the registration onto it (the others stay). */
export const mergePortalRegistrationSchema = z.strictObject({
  patientId: idSchema,
  fields: z.array(registrationFieldSchema).max(9).default([]),
});
export type MergePortalRegistration = z.input<typeof mergePortalRegistrationSchema>;

export const portalRegistrationHandledSchema = z.object({
  id: idSchema,
  status: portalRegistrationStatusSchema,
  /** The profile merged into or created; null when dismissed. */
  patientId: idSchema.nullable(),
});
export type PortalRegistrationHandled = z.infer<typeof portalRegistrationHandledSchema>;

/** The field of the profile that holds a channel's contact. */
export function contactFieldOf(channel: SignInChannel): 'phone' | 'email' {
  return channel === 'sms' ? 'phone' : 'email';
}
