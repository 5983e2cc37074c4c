import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { clinics } from './practice-tables.ts';

export interface ClinicRecord {
  id: string;
  practiceId: string;
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  timezone: string;
  notificationEmail: string | null;
  smsNotificationPhone: string | null;
  slotStepMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type ClinicFields = Omit<ClinicRecord, 'id' | 'practiceId' | 'active' | 'createdAt' | 'updatedAt' | 'version'>;
export type ClinicChanges = Partial<ClinicFields & { active: boolean }>;

const clinicColumns = {
  id: clinics.id,
  practiceId: clinics.practiceId,
  name: clinics.name,
  addressLine1: clinics.addressLine1,
  addressLine2: clinics.addressLine2,
  city: clinics.city,
  region: clinics.region,
  postalCode: clinics.postalCode,
  country: clinics.country,
  phone: clinics.phone,
  timezone: clinics.timezone,
  notificationEmail: clinics.notificationEmail,
  smsNotificationPhone: clinics.smsNotificationPhone,
  slotStepMinutes: clinics.slotStepMinutes,
  minimumNoticeMinutes: clinics.minimumNoticeMinutes,
  bookingHorizonDays: clinics.bookingHorizonDays,
  active: clinics.active,
  createdAt: clinics.createdAt,
  updatedAt: clinics.updatedAt,
  version: clinics.version,
};

export async function insertClinic(tx: Transaction, practiceId: string, fields: ClinicFields): Promise<ClinicRecord> {
  const [row] = await tx
    .insert(clinics)
    .values({ practiceId, ...fields })
    .returning(clinicColumns);
  if (!row) throw new Error('insert into clinics returned no row');
  return row;
}

export async function listClinics(tx: Transaction, practiceId: string, filter: { active?: boolean | undefined }): Promise<ClinicRecord[]> {
  return tx
    .select(clinicColumns)
    .from(clinics)
    .where(and(eq(clinics.practiceId, practiceId), filter.active === undefined ? undefined : eq(clinics.active, filter.active)))
    .orderBy(desc(clinics.active), asc(clinics.name));
}

export async function findClinic(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  options: { lock?: boolean } = {},
): Promise<ClinicRecord | undefined> {
  const query = tx
    .select(clinicColumns)
    .from(clinics)
    .where(and(eq(clinics.practiceId, practiceId), eq(clinics.id, clinicId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Name and zone of the clinics among `clinicIds` that exist. */
export async function findClinicsByIds(
  tx: Transaction,
  practiceId: string,
  clinicIds: readonly string[],
): Promise<{ id: string; name: string; timezone: string }[]> {
  if (clinicIds.length === 0) return [];
  return tx
    .select({ id: clinics.id, name: clinics.name, timezone: clinics.timezone })
    .from(clinics)
    .where(and(eq(clinics.practiceId, practiceId), inArray(clinics.id, [...clinicIds])));
}

export async function updateClinic(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  changes: ClinicChanges,
  now: Date,
): Promise<ClinicRecord | undefined> {
  const [row] = await tx
    .update(clinics)
    .set({ ...changes, updatedAt: now, version: sql`${clinics.version} + 1` })
    .where(and(eq(clinics.practiceId, practiceId), eq(clinics.id, clinicId)))
    .returning(clinicColumns);
  return row;
}

export async function deleteClinic(tx: Transaction, practiceId: string, clinicId: string): Promise<boolean> {
  const rows = await tx
    .delete(clinics)
    .where(and(eq(clinics.practiceId, practiceId), eq(clinics.id, clinicId)))
    .returning({ id: clinics.id });
  return rows.length > 0;
}
