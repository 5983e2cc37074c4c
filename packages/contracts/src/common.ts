import { z } from 'zod';

export const idSchema = z.guid({ message: 'Must be an id (UUID).' });
export const emailSchema = z
  .email({ message: 'Must be a valid email address.' })
  .max(254)
  .transform((email) => email.toLowerCase());
export const isoInstantSchema = z.iso.datetime({
  offset: true,
  message: 'Must be an ISO 8601 date-time with an offset, e.g. 2026-03-08T14:00:00Z.',
});

export const e164PhoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, { message: 'Must be a phone number in international (E.164) format, e.g. +12125550123.' });

/** A wall-clock calendar date (no time, no zone). */
export const localDateSchema = z.iso.date({ message: 'Must be a date in the form YYYY-MM-DD.' });

/** Cursor pagination: every list returns `items` and a `nextCursor` to pass back, or null at the end. */
export const pageQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  field: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  requestId: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;
