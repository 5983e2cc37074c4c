import { z } from 'zod';
import { e164PhoneSchema, emailSchema, idSchema, localDateSchema } from './common.ts';

export const genderSchema = z.enum(['female', 'male', 'non_binary', 'other', 'prefer_not_to_say']);
export type Gender = z.infer<typeof genderSchema>;
export const genderLabels: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  other: 'Other',
  prefer_not_to_say: 'Prefer not to say',
};

export const contactChannelSchema = z.enum(['email', 'sms']);

const nameSchema = (label: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `Enter the ${label}.` })
    .max(100, { message: `The ${label} is at most 100 characters.` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters.` })
    .nullable()
    .optional();

const patientFields = {
  firstName: nameSchema('first name'),
  lastName: nameSchema('last name'),
  email: emailSchema.nullable().optional(),
  phone: e164PhoneSchema.nullable().optional(),
  dateOfBirth: localDateSchema
    .refine((date) => date >= '1900-01-01', { message: 'The date of birth must be after 1900.' })
    .nullable()
    .optional(),
  gender: genderSchema.nullable().optional(),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter country code, e.g. US.' })
    .nullable()
    .optional(),
  notes: optionalText(5000),
  /** How the client heard of the practice. */
  referralSource: optionalText(200),
  marketingConsent: z.boolean().optional(),
  preferredChannel: contactChannelSchema.optional(),
};

export const createPatientRequestSchema = z.strictObject(patientFields);
export type CreatePatientRequest = z.input<typeof createPatientRequestSchema>;

export const updatePatientRequestSchema = z
  .strictObject({
    ...patientFields,
    firstName: patientFields.firstName.optional(),
    lastName: patientFields.lastName.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, { message: 'Send at least one field to change.' });
export type UpdatePatientRequest = z.input<typeof updatePatientRequestSchema>;

export const patientSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  gender: genderSchema.nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  notes: z.string().nullable(),
  referralSource: z.string().nullable(),
  marketingConsent: z.boolean(),
  marketingConsentAt: z.string().nullable(),
  preferredChannel: contactChannelSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Patient = z.infer<typeof patientSchema>;

export const duplicateMatchSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  /** Why this profile may be the same person. */
  matchedOn: z.array(z.enum(['email', 'phone', 'name_and_date_of_birth', 'name'])),
});
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;

export const createdPatientSchema = patientSchema.extend({ possibleDuplicates: z.array(duplicateMatchSchema) });

export const duplicateCheckRequestSchema = z.strictObject({
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  email: emailSchema.nullable().optional(),
  phone: e164PhoneSchema.nullable().optional(),
  dateOfBirth: localDateSchema.nullable().optional(),
});
export const duplicateCheckResponseSchema = z.object({ possibleDuplicates: z.array(duplicateMatchSchema) });

export const patientListQuerySchema = z.strictObject({
  q: z.string().trim().max(100, { message: 'Search with at most 100 characters.' }).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const patientSummarySchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const patientPageSchema = z.object({
  items: z.array(patientSummarySchema),
  nextCursor: z.string().nullable(),
});
export type PatientPage = z.infer<typeof patientPageSchema>;
