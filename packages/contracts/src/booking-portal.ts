import { z } from 'zod';
import { idSchema, localDateSchema } from './common.ts';

/** The most words the Important Reminders box takes (the portal's dashboard shows them to every patient). */
export const IMPORTANT_REMINDERS_MAX_WORDS = 50;
/** The furthest ahead of an appointment a portal action may be set to close: 30 days. */
export const PORTAL_ACTION_MAX_HOURS = 720;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

const importantRemindersSchema = z
  .string()
  .trim()
  .max(600, { message: 'Keep the reminders under 600 characters.' })
  .refine((text) => countWords(text) <= IMPORTANT_REMINDERS_MAX_WORDS, {
    message: `Keep the reminders to ${IMPORTANT_REMINDERS_MAX_WORDS} words or fewer.`,
  })
  .transform((text) => (text.length === 0 ? null : text));

/**
 * Whether patients may take an action on an appointment in the portal, and until how many
 * hours before its start (0: until it starts).
 */
export const portalActionWindowSchema = z.strictObject({
  enabled: z.boolean(),
  closesHoursBefore: z
    .number()
    .int({ message: 'Enter whole hours.' })
    .min(0, { message: 'Enter 0 hours or more.' })
    .max(PORTAL_ACTION_MAX_HOURS, { message: `Enter at most ${PORTAL_ACTION_MAX_HOURS} hours (30 days).` }),
});
export type PortalActionWindow = z.infer<typeof portalActionWindowSchema>;

export const portalActionWindowsSchema = z.strictObject({
  confirm: portalActionWindowSchema,
  reschedule: portalActionWindowSchema,
  cancel: portalActionWindowSchema,
});
export type PortalActionWindows = z.infer<typeof portalActionWindowsSchema>;

export const bookingPortalSettingsSchema = z.object({
  importantReminders: z.string().nullable(),
  patientActions: portalActionWindowsSchema,
  /** True until someone saves the settings: the defaults apply. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type BookingPortalSettings = z.infer<typeof bookingPortalSettingsSchema>;

export const updateBookingPortalSettingsRequestSchema = z.strictObject({
  importantReminders: importantRemindersSchema.nullable(),
  patientActions: portalActionWindowsSchema,
});
export type UpdateBookingPortalSettingsRequest = z.infer<typeof updateBookingPortalSettingsRequestSchema>;

const bannerBodySchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter the banner text.' })
  .max(200, { message: 'Keep a banner to 200 characters.' });

export const portalBannerSchema = z.object({
  id: z.string(),
  body: z.string(),
  /** First and last day shown (inclusive), in the practice's time zone. */
  startsOn: z.string(),
  endsOn: z.string(),
  enabled: z.boolean(),
  /** Whether patients see it today (enabled and today within its dates). */
  showingNow: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PortalBanner = z.infer<typeof portalBannerSchema>;

export const portalBannerListSchema = z.object({ items: z.array(portalBannerSchema) });
export type PortalBannerList = z.infer<typeof portalBannerListSchema>;

export const createPortalBannerRequestSchema = z
  .strictObject({
    body: bannerBodySchema,
    startsOn: localDateSchema,
    endsOn: localDateSchema,
    enabled: z.boolean().default(true),
  })
  .refine((banner) => banner.endsOn >= banner.startsOn, { message: 'The end date is before the start date.', path: ['endsOn'] });
export type CreatePortalBannerRequest = z.infer<typeof createPortalBannerRequestSchema>;

export const updatePortalBannerRequestSchema = z
  .strictObject({
    body: bannerBodySchema.optional(),
    startsOn: localDateSchema.optional(),
    endsOn: localDateSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { message: 'Send at least one field to change.' });
export type UpdatePortalBannerRequest = z.infer<typeof updatePortalBannerRequestSchema>;

export const portalBannerParamsSchema = z.strictObject({ bannerId: idSchema });

/** The portal's dashboard: what the practice tells every patient, and what waits for this one. */
export const portalDashboardSchema = z.object({
  importantReminders: z.string().nullable(),
  banners: z.array(z.object({ id: z.string(), body: z.string() })),
  counts: z.object({
    upcomingAppointments: z.number().int(),
    unconfirmedAppointments: z.number().int(),
    /** Forms showing in the portal that still need the patient (Not Signed, Not Filled, Not Viewed). */
    incompletePaperwork: z.number().int(),
    /** What the practice sent that the patient has not opened in Notifications (of the latest 200). */
    unreadNotifications: z.number().int(),
    /** Invoices with a balance to pay (Payment History shows them red). */
    unpaidInvoices: z.number().int(),
  }),
});
export type PortalDashboard = z.infer<typeof portalDashboardSchema>;
