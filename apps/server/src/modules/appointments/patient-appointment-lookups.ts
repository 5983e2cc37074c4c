import { and, asc, desc, eq, gt, inArray, lte, notInArray, or } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { appointments, appointmentServices, type AppointmentMode, type AppointmentStatus } from './appointments-tables.ts';

/** One of a patient's own appointments, as the patient portal lists it. */
export interface PatientAppointmentSnapshot {
  id: string;
  status: AppointmentStatus;
  mode: AppointmentMode | null;
  clinicId: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  /** The booked services in order, named as booked. */
  services: string[];
  /** The same services' ids, in order (what a search for another time asks for). */
  serviceIds: string[];
}

const snapshotColumns = {
  id: appointments.id,
  status: appointments.status,
  mode: appointments.mode,
  clinicId: appointments.clinicId,
  providerId: appointments.providerId,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
};

/** Statuses after which an appointment is history whatever its time. */
const FINISHED_STATUSES: readonly AppointmentStatus[] = ['completed', 'no_show'];

/**
 * A patient's appointments (never out-of-office blocks), in another module's transaction:
 * `upcoming` — not yet over and not finished, soonest first (a cancelled one stays here,
 * shown as cancelled, until its time has passed); `past` — over or finished, latest first.
 * Served by `appointments_patient_idx`.
 */
export async function listPatientAppointmentsWithin(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  options: { scope: 'upcoming' | 'past'; now: Date; limit: number },
): Promise<PatientAppointmentSnapshot[]> {
  const own = and(eq(appointments.practiceId, practiceId), eq(appointments.patientId, patientId), eq(appointments.kind, 'appointment'));
  const inScope =
    options.scope === 'upcoming'
      ? and(gt(appointments.endsAt, options.now), notInArray(appointments.status, [...FINISHED_STATUSES]))
      : or(lte(appointments.endsAt, options.now), inArray(appointments.status, [...FINISHED_STATUSES]));
  const rows = await tx
    .select(snapshotColumns)
    .from(appointments)
    .where(and(own, inScope))
    .orderBy(
      ...(options.scope === 'upcoming'
        ? [asc(appointments.startsAt), asc(appointments.id)]
        : [desc(appointments.startsAt), desc(appointments.id)]),
    )
    .limit(options.limit);
  return withServiceNames(tx, practiceId, rows);
}

/** One of the patient's own appointments by id, or undefined (another patient's, a block or none). */
export async function findPatientAppointmentWithin(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  appointmentId: string,
): Promise<PatientAppointmentSnapshot | undefined> {
  const rows = await tx
    .select(snapshotColumns)
    .from(appointments)
    .where(
      and(
        eq(appointments.practiceId, practiceId),
        eq(appointments.id, appointmentId),
        eq(appointments.patientId, patientId),
        eq(appointments.kind, 'appointment'),
      ),
    );
  const [found] = await withServiceNames(tx, practiceId, rows);
  return found;
}

async function withServiceNames(
  tx: Transaction,
  practiceId: string,
  rows: Omit<PatientAppointmentSnapshot, 'services' | 'serviceIds'>[],
): Promise<PatientAppointmentSnapshot[]> {
  if (rows.length === 0) return [];
  const services = await tx
    .select({
      appointmentId: appointmentServices.appointmentId,
      serviceId: appointmentServices.serviceId,
      name: appointmentServices.serviceName,
    })
    .from(appointmentServices)
    .where(
      and(
        eq(appointmentServices.practiceId, practiceId),
        inArray(
          appointmentServices.appointmentId,
          rows.map((row) => row.id),
        ),
      ),
    )
    .orderBy(asc(appointmentServices.appointmentId), asc(appointmentServices.position));
  const namesOf = new Map<string, string[]>();
  const idsOf = new Map<string, string[]>();
  for (const service of services) {
    namesOf.set(service.appointmentId, [...(namesOf.get(service.appointmentId) ?? []), service.name]);
    idsOf.set(service.appointmentId, [...(idsOf.get(service.appointmentId) ?? []), service.serviceId]);
  }
  return rows.map((row) => ({ ...row, services: namesOf.get(row.id) ?? [], serviceIds: idsOf.get(row.id) ?? [] }));
}
