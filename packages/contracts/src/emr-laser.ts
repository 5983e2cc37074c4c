import { z } from 'zod';
import { idSchema, localDateSchema } from './common.ts';

/** How the skin was cooled during a pass. */
export const laserCoolingSchema = z.enum(['none', 'contact', 'cryogen_spray', 'air']);
export type LaserCooling = z.infer<typeof laserCoolingSchema>;
export const laserCoolingLabels: Record<LaserCooling, string> = {
  none: 'None',
  contact: 'Contact',
  cryogen_spray: 'Cryogen spray',
  air: 'Air',
};

/** The Fitzpatrick skin type, I (always burns) to VI (never burns). */
export const fitzpatrickSkinTypeSchema = z.enum(['I', 'II', 'III', 'IV', 'V', 'VI']);
export type FitzpatrickSkinType = z.infer<typeof fitzpatrickSkinTypeSchema>;
export const fitzpatrickSkinTypeLabels: Record<FitzpatrickSkinType, string> = {
  I: 'I — always burns, never tans',
  II: 'II — usually burns, tans minimally',
  III: 'III — sometimes burns, tans uniformly',
  IV: 'IV — burns minimally, always tans',
  V: 'V — very rarely burns, tans very easily',
  VI: 'VI — never burns',
};

const finite = (what: string) => ({ message: `Enter the ${what} as a number.` });

/** The device's settings for one treatment area. Units: fluence J/cm², spot size mm, pulse width ms. */
export const laserSettingRowSchema = z.strictObject({
  area: z.string().trim().min(1, { message: 'Name the treatment area.' }).max(100, { message: 'At most 100 characters.' }),
  fluenceJoulesPerCm2: z
    .number(finite('fluence'))
    .min(0.1, { message: 'Fluence is at least 0.1 J/cm².' })
    .max(1000, { message: 'Fluence is at most 1000 J/cm².' }),
  spotSizeMm: z
    .number(finite('spot size'))
    .min(0.1, { message: 'Spot size is at least 0.1 mm.' })
    .max(100, { message: 'Spot size is at most 100 mm.' }),
  pulseWidthMs: z
    .number(finite('pulse width'))
    .min(0.001, { message: 'Pulse width is at least 0.001 ms.' })
    .max(1000, { message: 'Pulse width is at most 1000 ms.' }),
  passes: z
    .number(finite('number of passes'))
    .int({ message: 'Passes are a whole number.' })
    .min(1, { message: 'At least 1 pass.' })
    .max(20, { message: 'At most 20 passes.' }),
  cooling: laserCoolingSchema,
});
export type LaserSettingRow = z.infer<typeof laserSettingRowSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max.toLocaleString('en-US')} characters.` })
    .transform((text) => (text === '' ? null : text))
    .nullable()
    .default(null);

/** A test spot before treatment: where it was done, on which day, and how the skin reacted. */
export const laserTestSpotSchema = z
  .strictObject({
    done: z.boolean(),
    site: optionalText(200),
    reaction: optionalText(1000),
    performedOn: localDateSchema.nullable().default(null),
  })
  .superRefine((spot, context) => {
    if (spot.done && spot.site === null) {
      context.addIssue({ code: 'custom', path: ['site'], message: 'Say where the test spot was done.' });
    }
    if (!spot.done) {
      for (const key of ['site', 'reaction', 'performedOn'] as const) {
        if (spot[key] !== null) context.addIssue({ code: 'custom', path: [key], message: 'Only for a test spot that was done.' });
      }
    }
  });

/** The laser / device section of a chart, replaced as a whole on each save. */
export const laserSettingsRequestSchema = z.strictObject({
  /** One of the clinic's equipment resources; null while not chosen yet. */
  deviceId: idSchema.nullable().default(null),
  skinType: fitzpatrickSkinTypeSchema.nullable().default(null),
  settings: z.array(laserSettingRowSchema).max(50, { message: 'At most 50 rows of settings.' }).default([]),
  testSpot: laserTestSpotSchema.default({ done: false, site: null, reaction: null, performedOn: null }),
});
export type LaserSettingsRequest = z.input<typeof laserSettingsRequestSchema>;
export type LaserSettingsInput = z.output<typeof laserSettingsRequestSchema>;

export const laserSettingsSchema = z.object({
  device: z.object({ id: idSchema, name: z.string() }).nullable(),
  skinType: fitzpatrickSkinTypeSchema.nullable(),
  settings: z.array(
    z.object({
      area: z.string(),
      fluenceJoulesPerCm2: z.number(),
      spotSizeMm: z.number(),
      pulseWidthMs: z.number(),
      passes: z.number().int(),
      cooling: laserCoolingSchema,
    }),
  ),
  testSpot: z.object({
    done: z.boolean(),
    site: z.string().nullable(),
    reaction: z.string().nullable(),
    performedOn: localDateSchema.nullable(),
  }),
});
export type LaserSettings = z.infer<typeof laserSettingsSchema>;
