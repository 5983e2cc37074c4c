import { eq } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { practices } from './identity-tables.ts';

export interface PracticeSettingsRecord {
  id: string;
  name: string;
  timezone: string;
  slug: string | null;
  providersManageAllAppointments: boolean;
  /** Providers' signed charts wait for a medical director's co-signature (decision 042). */
  requireMdCosignature: boolean;
}

export type PracticeSettingsChanges = Partial<
  Pick<PracticeSettingsRecord, 'slug' | 'providersManageAllAppointments' | 'requireMdCosignature'>
>;

const settingsColumns = {
  id: practices.id,
  name: practices.name,
  timezone: practices.timezone,
  slug: practices.slug,
  providersManageAllAppointments: practices.providersManageAllAppointments,
  requireMdCosignature: practices.requireMdCosignature,
};

export async function findPracticeSettings(tx: Transaction, practiceId: string): Promise<PracticeSettingsRecord | undefined> {
  const [row] = await tx.select(settingsColumns).from(practices).where(eq(practices.id, practiceId));
  return row;
}

/** The practice behind a portal or booking-page address (runs before a practice is known). */
export async function findPracticeBySlug(tx: Transaction, slug: string): Promise<PracticeSettingsRecord | undefined> {
  const [row] = await tx.select(settingsColumns).from(practices).where(eq(practices.slug, slug));
  return row;
}

export async function updatePracticeSettings(
  tx: Transaction,
  practiceId: string,
  changes: PracticeSettingsChanges,
): Promise<PracticeSettingsRecord | undefined> {
  const [row] = await tx.update(practices).set(changes).where(eq(practices.id, practiceId)).returning(settingsColumns);
  return row;
}

/** True when the practice lets providers act on every appointment and see every client. */
export async function findProvidersManageAllAppointments(tx: Transaction, practiceId: string): Promise<boolean> {
  const [row] = await tx.select({ value: practices.providersManageAllAppointments }).from(practices).where(eq(practices.id, practiceId));
  return row?.value ?? false;
}
