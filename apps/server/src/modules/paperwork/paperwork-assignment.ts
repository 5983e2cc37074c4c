import { initialPaperworkStatus, outstandingPaperworkStatuses, type PaperworkStatus } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { recordAppointmentEvent, type BookingObserver } from '../appointments/index.ts';
import * as repository from './paperwork-repository.ts';
import type { AssignmentRecord, AssignmentViewRecord } from './paperwork-repository.ts';

export interface AppointmentPaperworkRequest {
  appointmentId: string;
  patientId: string;
  /** The booked services in order; their attached forms are assigned in that order. */
  serviceIds: readonly string[];
  /** The staff member whose action assigns them; null for the system (a booking observer). */
  actorStaffId?: string | null | undefined;
  /** Defaults to now; pass the use case's clock. */
  now?: Date | undefined;
}

/**
 * Assigns the active forms attached to the appointment's services to its patient, each at
 * its template's current version, in the caller's transaction. Idempotent: a form the
 * appointment already has is left as it is (one assignment per appointment and template,
 * even when two services share a form). Records `paperwork_assigned` on the appointment's
 * history when it assigns anything. Returns the assignments it created.
 */
export async function assignPaperworkForAppointment(
  tx: Transaction,
  practiceId: string,
  request: AppointmentPaperworkRequest,
): Promise<AssignmentRecord[]> {
  const attached = await repository.listServicePaperwork(tx, practiceId, request.serviceIds, { activeOnly: true });
  return assignAttachedPaperwork(tx, practiceId, request, attached);
}

/** `assignPaperworkForAppointment` once the services' active forms are known. */
async function assignAttachedPaperwork(
  tx: Transaction,
  practiceId: string,
  request: AppointmentPaperworkRequest,
  attached: readonly repository.ServicePaperworkRecord[],
): Promise<AssignmentRecord[]> {
  if (attached.length === 0) return [];
  const now = request.now ?? new Date();
  const byService = new Map<string, repository.ServicePaperworkRecord[]>();
  for (const row of attached) byService.set(row.serviceId, [...(byService.get(row.serviceId) ?? []), row]);
  const seen = new Set<string>();
  const wanted: repository.AssignmentInsert[] = [];
  for (const serviceId of request.serviceIds) {
    for (const form of byService.get(serviceId) ?? []) {
      if (seen.has(form.templateId)) continue;
      seen.add(form.templateId);
      wanted.push({
        appointmentId: request.appointmentId,
        patientId: request.patientId,
        templateId: form.templateId,
        templateVersion: form.currentVersion,
        kind: form.kind,
        status: initialPaperworkStatus[form.kind],
        assignedAt: now,
      });
    }
  }
  const created = await repository.insertAssignmentsUnlessPresent(tx, practiceId, wanted);
  if (created.length === 0) return created;
  const actorStaffId = request.actorStaffId ?? null;
  await repository.insertAssignmentEvents(
    tx,
    practiceId,
    created.map((assignment) => ({
      assignmentId: assignment.id,
      occurredAt: now,
      actorStaffId,
      type: 'assigned',
      fromStatus: null,
      toStatus: assignment.status,
      details: { appointmentId: assignment.appointmentId, templateVersion: assignment.templateVersion },
    })),
  );
  const names = new Map(attached.map((form) => [form.templateId, form.name]));
  await recordAppointmentEvent(tx, practiceId, {
    appointmentId: request.appointmentId,
    actorStaffId,
    type: 'paperwork_assigned',
    details: {
      assignments: created.map((assignment) => ({
        assignmentId: assignment.id,
        templateId: assignment.templateId,
        templateVersion: assignment.templateVersion,
        name: names.get(assignment.templateId) ?? null,
        kind: assignment.kind,
      })),
    },
    occurredAt: now,
  });
  return created;
}

/** The statuses each status may move to by the patient's or witness's action (not by a reset). */
function nextStatuses(assignment: AssignmentViewRecord): readonly PaperworkStatus[] {
  switch (assignment.status) {
    case 'not_signed':
      return assignment.requiresWitnessSignature ? ['witness_signature_required'] : ['signed'];
    case 'witness_signature_required':
      return ['signed'];
    case 'not_filled':
      return ['filled'];
    case 'not_viewed':
      return ['viewed'];
    case 'signed':
    case 'filled':
    case 'viewed':
      return [];
    default: {
      const unknown: never = assignment.status;
      throw new Error(`unknown paperwork status ${String(unknown)}`);
    }
  }
}

/**
 * Moves an assignment forward after the patient (or the witness) acted: a consent is signed
 * (then waits for the witness when its version requires one), a questionnaire filled,
 * instructions viewed. For the portal; throws ConflictError for any other move (a completed
 * form is changed only by a staff reset). Returns the assignment as it was before.
 */
export async function changePaperworkStatusWithin(
  tx: Transaction,
  practiceId: string,
  change: {
    assignmentId: string;
    status: PaperworkStatus;
    actorStaffId?: string | null | undefined;
    details?: Record<string, unknown>;
    now?: Date;
  },
): Promise<AssignmentViewRecord> {
  const assignment = await repository.findAssignment(tx, practiceId, change.assignmentId, { forUpdate: true });
  if (!assignment) throw new NotFoundError('Paperwork assignment', 'assignmentId');
  if (!nextStatuses(assignment).includes(change.status)) {
    throw new ConflictError(
      `This form is ${assignment.status.replaceAll('_', ' ')}; it cannot become ${change.status.replaceAll('_', ' ')}.`,
      'invalid_paperwork_status',
      {
        field: 'status',
      },
    );
  }
  const now = change.now ?? new Date();
  await repository.updateAssignmentStatus(tx, practiceId, assignment.id, { status: change.status, now });
  await repository.insertAssignmentEvents(tx, practiceId, [
    {
      assignmentId: assignment.id,
      occurredAt: now,
      actorStaffId: change.actorStaffId ?? null,
      type: 'status_changed',
      fromStatus: assignment.status,
      toStatus: change.status,
      details: change.details ?? {},
    },
  ]);
  return assignment;
}

/** Forms each appointment still waits for (unsigned, unfilled or unread), read in the caller's transaction; absent: none. */
export async function countOutstandingFormsWithin(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<Map<string, number>> {
  return repository.countAssignmentsByAppointment(tx, practiceId, appointmentIds, outstandingPaperworkStatuses);
}

/**
 * The names of the forms the patient still has to complete for an appointment, in order.
 * With `assign`, the services' forms are assigned first (idempotent); without it, forms
 * attached to the services but not assigned yet are listed too (what a confirmation would
 * ask for), so a preview writes nothing.
 */
export async function formsToCompleteWithin(
  tx: Transaction,
  practiceId: string,
  appointment: { id: string; patientId: string; serviceIds: readonly string[] },
  options: { assign: boolean; actorStaffId?: string | null | undefined; now?: Date | undefined },
): Promise<string[]> {
  if (options.assign) {
    await assignPaperworkForAppointment(tx, practiceId, {
      appointmentId: appointment.id,
      patientId: appointment.patientId,
      serviceIds: appointment.serviceIds,
      actorStaffId: options.actorStaffId,
      now: options.now,
    });
  }
  const assigned = await repository.listAssignments(tx, practiceId, { appointmentId: appointment.id }, 500);
  const names = assigned
    .filter((assignment) => outstandingPaperworkStatuses.includes(assignment.status))
    .map((assignment) => assignment.name);
  if (options.assign) return names;
  const assignedTemplates = new Set(assigned.map((assignment) => assignment.templateId));
  const seen = new Set<string>();
  for (const serviceId of appointment.serviceIds) {
    for (const form of await repository.listServicePaperwork(tx, practiceId, [serviceId], { activeOnly: true })) {
      if (assignedTemplates.has(form.templateId) || seen.has(form.templateId)) continue;
      seen.add(form.templateId);
      names.push(form.name);
    }
  }
  return names;
}

/**
 * The paperwork module's side of the appointments module's BookingObserver port: booking a
 * service assigns its forms (and a change of services assigns the new services' forms).
 */
export function createPaperworkBookingObserver(options: { now?: () => Date } = {}): BookingObserver {
  const now = options.now ?? (() => new Date());
  return {
    async onAppointmentBooked(tx, practiceId, appointment) {
      await assignPaperworkForAppointment(tx, practiceId, {
        appointmentId: appointment.id,
        patientId: appointment.patientId,
        serviceIds: appointment.serviceIds,
        actorStaffId: appointment.actorStaffId,
        now: now(),
      });
    },
    readForBooking(practiceId, serviceIds) {
      return repository.activeServicePaperworkRead(practiceId, serviceIds, (attached) => async (tx, appointment) => {
        const request = {
          appointmentId: appointment.id,
          patientId: appointment.patientId,
          serviceIds: appointment.serviceIds,
          actorStaffId: appointment.actorStaffId,
          now: now(),
        };
        // Booked services the read did not cover (none, unless the booking changed them) are read now.
        const covered = appointment.serviceIds.every((serviceId) => serviceIds.includes(serviceId));
        await (covered
          ? assignAttachedPaperwork(tx, practiceId, request, attached)
          : assignPaperworkForAppointment(tx, practiceId, request));
      });
    },
    async onAppointmentRescheduled(tx, practiceId, appointment) {
      await assignPaperworkForAppointment(tx, practiceId, {
        appointmentId: appointment.id,
        patientId: appointment.patientId,
        serviceIds: appointment.serviceIds,
        actorStaffId: appointment.actorStaffId,
        now: now(),
      });
    },
  };
}
