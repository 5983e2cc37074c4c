import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { prescriptions } from './prescription-tables.ts';

export type PrescriptionRecord = Omit<typeof prescriptions.$inferSelect, 'practiceId' | 'sequence'>;
export type NewPrescription = Omit<
  typeof prescriptions.$inferInsert,
  'practiceId' | 'id' | 'sequence' | 'discontinuedAt' | 'discontinuedBy' | 'discontinuedReason'
>;

const prescriptionColumns = {
  id: prescriptions.id,
  patientId: prescriptions.patientId,
  procedureId: prescriptions.procedureId,
  drug: prescriptions.drug,
  strength: prescriptions.strength,
  directions: prescriptions.directions,
  quantity: prescriptions.quantity,
  refills: prescriptions.refills,
  prescribedOn: prescriptions.prescribedOn,
  prescriberId: prescriptions.prescriberId,
  createdAt: prescriptions.createdAt,
  discontinuedAt: prescriptions.discontinuedAt,
  discontinuedBy: prescriptions.discontinuedBy,
  discontinuedReason: prescriptions.discontinuedReason,
};

export async function insertPrescription(tx: Transaction, practiceId: string, prescription: NewPrescription): Promise<PrescriptionRecord> {
  const [row] = await tx
    .insert(prescriptions)
    .values({ practiceId, ...prescription })
    .returning(prescriptionColumns);
  if (!row) throw new Error('prescription insert returned no row');
  return row;
}

/** A patient's prescriptions, newest first (by prescription date, then by when they were recorded). */
export async function listPatientPrescriptions(tx: Transaction, practiceId: string, patientId: string): Promise<PrescriptionRecord[]> {
  return tx
    .select(prescriptionColumns)
    .from(prescriptions)
    .where(and(eq(prescriptions.practiceId, practiceId), eq(prescriptions.patientId, patientId)))
    .orderBy(desc(prescriptions.prescribedOn), desc(prescriptions.sequence));
}

export async function findPrescription(
  tx: Transaction,
  practiceId: string,
  prescriptionId: string,
): Promise<PrescriptionRecord | undefined> {
  const [row] = await tx
    .select(prescriptionColumns)
    .from(prescriptions)
    .where(and(eq(prescriptions.practiceId, practiceId), eq(prescriptions.id, prescriptionId)));
  return row;
}

/** Discontinues an active prescription; undefined when it is unknown or already discontinued. */
export async function discontinuePrescription(
  tx: Transaction,
  practiceId: string,
  prescriptionId: string,
  change: { discontinuedAt: Date; discontinuedBy: string; discontinuedReason: string },
): Promise<PrescriptionRecord | undefined> {
  const [row] = await tx
    .update(prescriptions)
    .set(change)
    .where(and(eq(prescriptions.practiceId, practiceId), eq(prescriptions.id, prescriptionId), isNull(prescriptions.discontinuedAt)))
    .returning(prescriptionColumns);
  return row;
}
