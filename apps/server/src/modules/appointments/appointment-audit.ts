import { type AuditEntry, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { AppointmentRecord, AppointmentServiceRecord } from './appointments-repository.ts';

export type SnapshotFields = Pick<
  AppointmentRecord,
  'status' | 'startsAt' | 'endsAt' | 'providerId' | 'clinicId' | 'mode' | 'notes' | 'allowDoubleBooking'
>;

export function snapshot(appointment: SnapshotFields, services?: readonly AppointmentServiceRecord[]): Record<string, unknown> {
  return {
    status: appointment.status,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    providerId: appointment.providerId,
    clinicId: appointment.clinicId,
    mode: appointment.mode,
    notes: appointment.notes,
    allowDoubleBooking: appointment.allowDoubleBooking,
    ...(services ? { serviceIds: services.map((service) => service.serviceId) } : {}),
  };
}

export function audit(
  actor: StaffActor,
  meta: RequestMeta,
  action: string,
  appointment: Pick<AppointmentRecord, 'id' | 'patientId'> | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    action,
    objectType: 'appointment',
    objectId: appointment?.id ?? null,
    ip: meta.ip,
    requestId: meta.requestId,
    details: appointment?.patientId ? { patientId: appointment.patientId, ...details } : details,
  };
}

/** An audit entry with the patient as actor (their online booking). */
export function patientAudit(
  patient: { practiceId: string; patientId: string },
  meta: RequestMeta,
  action: string,
  appointment: Pick<AppointmentRecord, 'id'>,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    practiceId: patient.practiceId,
    actorType: 'patient',
    actorId: patient.patientId,
    action,
    objectType: 'appointment',
    objectId: appointment.id,
    ip: meta.ip,
    requestId: meta.requestId,
    details: { patientId: patient.patientId, via: 'online_booking', ...details },
  };
}
