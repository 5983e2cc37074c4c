import { z } from 'zod';

/** Words a portal path may not use as a practice slug: they name portal routes of their own. */
export const reservedPracticeSlugs = ['me', 'appointments', 'paperwork', 'api', 'admin', 'www'] as const;

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
});
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

export const updatePracticeSettingsRequestSchema = z.strictObject({
  slug: practiceSlugSchema,
});
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
