import { z } from 'zod';
import { idSchema } from './common.ts';
import { contactChannelSchema } from './patients.ts';
import { requestSignInCodeSchema, verifySignInCodeSchema } from './portal.ts';

/** The portal's Profile page: what the patient sees of the profile they are viewing. */
export const portalProfileSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
  }),
  preferences: z.object({
    /** How the clinic sends confirmations and reminders first (the other channel is the fallback). */
    preferredChannel: contactChannelSchema,
    /** Offers and news from the clinic. */
    marketingConsent: z.boolean(),
  }),
  /** The profile's version: send it back as If-Match with a change. */
  version: z.number().int(),
});
export type PortalProfile = z.infer<typeof portalProfileSchema>;

const addressText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `The ${label} is at most ${max} characters.` })
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

/**
 * `PATCH /api/v1/portal/profile`: the address and communication preferences. Name and date of
 * birth are the clinic's to change; a phone or email only changes through a code
 * (`contact-code`, then `contact-verify`).
 */
export const updatePortalProfileSchema = z
  .strictObject({
    address: z
      .strictObject({
        line1: addressText(200, 'address'),
        line2: addressText(200, 'second address line'),
        city: addressText(100, 'city'),
        region: addressText(100, 'state or region'),
        postalCode: addressText(20, 'postal code'),
        country: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter country code, e.g. US.' })
          .nullable()
          .optional(),
      })
      .optional(),
    preferences: z
      .strictObject({
        preferredChannel: contactChannelSchema.optional(),
        marketingConsent: z.boolean().optional(),
      })
      .optional(),
  })
  .refine((body) => body.address !== undefined || body.preferences !== undefined, { message: 'Send address or preferences to change.' });
export type UpdatePortalProfile = z.input<typeof updatePortalProfileSchema>;

/** `POST /api/v1/portal/profile/contact-code`: send a code to the new phone (sms) or email. */
export const requestContactCodeSchema = requestSignInCodeSchema;
export type RequestContactCode = z.input<typeof requestContactCodeSchema>;

/** `POST /api/v1/portal/profile/contact-verify`: the new phone or email again, with its code. */
export const verifyContactCodeSchema = verifySignInCodeSchema;
export type VerifyContactCode = z.input<typeof verifyContactCodeSchema>;

/** A profile the signed-in patient may view in the portal: their own, or a dependant's under a guardian grant. */
export const portalProfileChoiceSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  relation: z.enum(['self', 'dependant']),
});
export type PortalProfileChoice = z.infer<typeof portalProfileChoiceSchema>;

export const portalProfileChoicesSchema = z.object({
  items: z.array(portalProfileChoiceSchema),
  /** The profile every portal page reads now. */
  activeProfileId: idSchema,
});
export type PortalProfileChoices = z.infer<typeof portalProfileChoicesSchema>;

export const portalProfileParamsSchema = z.strictObject({ patientId: idSchema });
