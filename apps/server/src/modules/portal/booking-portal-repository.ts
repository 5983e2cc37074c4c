import type { PortalActionWindows } from '@glowdesk/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { portalBanners, portalSettings } from './booking-portal-tables.ts';
import { DEFAULT_PORTAL_ACTION_WINDOWS } from './booking-portal-rules.ts';

export interface BookingPortalSettingsRecord {
  importantReminders: string | null;
  patientActions: PortalActionWindows;
  isDefault: boolean;
  updatedAt: Date | null;
  version: number;
}

export type PortalBannerRecord = typeof portalBanners.$inferSelect;

const defaults: BookingPortalSettingsRecord = {
  importantReminders: null,
  patientActions: DEFAULT_PORTAL_ACTION_WINDOWS,
  isDefault: true,
  updatedAt: null,
  version: 0,
};

/** Hours stored per action; NULL: the action is not offered (its hours are kept as 0). */
function windowOf(hours: number | null) {
  return hours === null ? { enabled: false, closesHoursBefore: 0 } : { enabled: true, closesHoursBefore: hours };
}

function hoursOf(window: { enabled: boolean; closesHoursBefore: number }): number | null {
  return window.enabled ? window.closesHoursBefore : null;
}

function toSettings(row: typeof portalSettings.$inferSelect): BookingPortalSettingsRecord {
  return {
    importantReminders: row.importantReminders,
    patientActions: {
      confirm: windowOf(row.confirmClosesHours),
      reschedule: windowOf(row.rescheduleClosesHours),
      cancel: windowOf(row.cancelClosesHours),
    },
    isDefault: false,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function findBookingPortalSettings(tx: Transaction, practiceId: string): Promise<BookingPortalSettingsRecord> {
  const [row] = await tx.select().from(portalSettings).where(eq(portalSettings.practiceId, practiceId));
  return row ? toSettings(row) : defaults;
}

export async function saveBookingPortalSettings(
  tx: Transaction,
  practiceId: string,
  settings: { importantReminders: string | null; patientActions: PortalActionWindows },
  updatedBy: string,
  now: Date,
): Promise<BookingPortalSettingsRecord> {
  const values = {
    importantReminders: settings.importantReminders,
    confirmClosesHours: hoursOf(settings.patientActions.confirm),
    rescheduleClosesHours: hoursOf(settings.patientActions.reschedule),
    cancelClosesHours: hoursOf(settings.patientActions.cancel),
    updatedAt: now,
    updatedBy,
  };
  const [row] = await tx
    .insert(portalSettings)
    .values({ practiceId, ...values })
    .onConflictDoUpdate({ target: portalSettings.practiceId, set: { ...values, version: sql`${portalSettings.version} + 1` } })
    .returning();
  if (!row) throw new Error('upsert of portal_settings returned no row');
  return toSettings(row);
}

export async function listBanners(tx: Transaction, practiceId: string): Promise<PortalBannerRecord[]> {
  return tx
    .select()
    .from(portalBanners)
    .where(eq(portalBanners.practiceId, practiceId))
    .orderBy(asc(portalBanners.startsOn), asc(portalBanners.createdAt));
}

export async function countBanners(tx: Transaction, practiceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(portalBanners)
    .where(eq(portalBanners.practiceId, practiceId));
  return row?.n ?? 0;
}

export async function findBanner(
  tx: Transaction,
  practiceId: string,
  bannerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PortalBannerRecord | undefined> {
  const query = tx
    .select()
    .from(portalBanners)
    .where(and(eq(portalBanners.practiceId, practiceId), eq(portalBanners.id, bannerId)));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row;
}

export async function insertBanner(
  tx: Transaction,
  practiceId: string,
  banner: { body: string; startsOn: string; endsOn: string; enabled: boolean },
  createdBy: string,
  now: Date,
): Promise<PortalBannerRecord> {
  const [row] = await tx
    .insert(portalBanners)
    .values({ practiceId, ...banner, createdBy, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('insert of portal_banners returned no row');
  return row;
}

export async function updateBanner(
  tx: Transaction,
  practiceId: string,
  bannerId: string,
  changes: Partial<{ body: string; startsOn: string; endsOn: string; enabled: boolean }>,
  now: Date,
): Promise<PortalBannerRecord> {
  const [row] = await tx
    .update(portalBanners)
    .set({ ...changes, updatedAt: now, version: sql`${portalBanners.version} + 1` })
    .where(and(eq(portalBanners.practiceId, practiceId), eq(portalBanners.id, bannerId)))
    .returning();
  if (!row) throw new Error('update of portal_banners returned no row');
  return row;
}

export async function deleteBanner(tx: Transaction, practiceId: string, bannerId: string): Promise<void> {
  await tx.delete(portalBanners).where(and(eq(portalBanners.practiceId, practiceId), eq(portalBanners.id, bannerId)));
}
