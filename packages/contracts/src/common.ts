import { z } from 'zod';

export const idSchema = z.guid({ message: 'Must be an id (UUID).' });
export const emailSchema = z
  .email({ message: 'Must be a valid email address.' })
  .max(254)
  .transform((email) => email.toLowerCase());
/**
 * The dates Glowdesk deals in, from a date of birth to the furthest booking: from 1900 up to
 * (not including) 2200. Bounding them keeps date arithmetic (a day after, a week of) inside
 * what the database and Temporal accept, so an absurd year is a 400, never a 500.
 */
const EARLIEST_DATE = '1900-01-01';
const LATEST_DATE_EXCLUSIVE = '2200-01-01';
const EARLIEST_INSTANT_MS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const LATEST_INSTANT_MS_EXCLUSIVE = Date.parse(`${LATEST_DATE_EXCLUSIVE}T00:00:00Z`);
const outOfRange = { message: 'Must be in the years 1900 to 2199.' };

export const isoInstantSchema = z.iso
  .datetime({
    offset: true,
    message: 'Must be an ISO 8601 date-time with an offset, e.g. 2026-03-08T14:00:00Z.',
  })
  .refine((value) => {
    const instantMs = Date.parse(value);
    return instantMs >= EARLIEST_INSTANT_MS && instantMs < LATEST_INSTANT_MS_EXCLUSIVE;
  }, outOfRange);

export const e164PhoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, { message: 'Must be a phone number in international (E.164) format, e.g. +12125550123.' });

/** A wall-clock calendar date (no time, no zone). */
export const localDateSchema = z.iso
  .date({ message: 'Must be a date in the form YYYY-MM-DD.' })
  .refine((date) => date >= EARLIEST_DATE && date < LATEST_DATE_EXCLUSIVE, outOfRange);

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

/** True when a number has at most 2 decimals (an mL amount is charted to 0.01 mL). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}
