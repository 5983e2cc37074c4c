import {
  DEFAULT_SHOW_DAYS_BEFORE,
  initialPaperworkStatus,
  type CreatePaperworkTemplateInput,
  type PaperworkKind,
  type PaperworkStatus,
} from '@glowdesk/contracts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findAppointmentSnapshotWithin, type AppointmentSnapshot } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { findServiceNamesWithin } from '../practice/index.ts';
import { assignPaperworkForAppointment } from './paperwork-assignment.ts';
import { assertStaffMayReadAssignment } from './staff-assignment-access.ts';
import * as repository from './paperwork-repository.ts';
import type { AssignmentEventRecord, AssignmentViewRecord, TemplateSummaryRecord, TemplateVersionRecord } from './paperwork-repository.ts';
import { parseStoredContent, sameWording, wordingOf, type TemplateContent, type TemplateWording } from './paperwork-template-content.ts';

const MAX_ASSIGNMENTS_LISTED = 500;

export interface TemplateSummaryView extends TemplateSummaryRecord {
  parsed: TemplateContent;
}

export interface TemplateVersionView extends TemplateVersionRecord {
  kind: PaperworkKind;
  parsed: TemplateContent;
}

export interface TemplateDetailView {
  template: repository.TemplateRecord;
  current: TemplateVersionView;
  versions: { version: number; name: string; createdAt: Date; createdBy: string | null }[];
}

export interface AssignmentView extends AssignmentViewRecord {
  appointmentStart: Date | null;
}

function staffAudit(actor: StaffActor, meta: RequestMeta) {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

function wordingOfVersion(kind: PaperworkKind, version: TemplateVersionRecord): TemplateWording {
  return {
    name: version.name,
    content: parseStoredContent(kind, version.content),
    requiresSignature: version.requiresSignature,
    requiresWitnessSignature: version.requiresWitnessSignature,
  };
}

/** Statuses a reset takes back to the start: the patient (or witness) did something. */
const completedStatuses: readonly PaperworkStatus[] = ['witness_signature_required', 'signed', 'filled', 'viewed'];

/** Membership plans whose agreement is a consent template (the memberships module). */
export interface PaperworkAgreementPlans {
  /** Names of the practice's active plans whose agreement is the template. */
  activePlanNamesUsingAgreementWithin(tx: Transaction, practiceId: string, templateId: string): Promise<string[]>;
}

/**
 * Paperwork: consent, questionnaire and instruction templates (versioned), the forms
 * attached to services, and the forms assigned to patients for their appointments.
 */
export function createPaperworkService(deps: {
  database: Database;
  clock: Clock;
  patients: Pick<PatientsService, 'findPatientWithin'>;
  clientAccess: ClientAccess;
  agreementPlans: PaperworkAgreementPlans;
}) {
  const { database, clock, patients, agreementPlans } = deps;

  async function loadTemplate(tx: Transaction, practiceId: string, templateId: string, forUpdate = false) {
    const template = await repository.findTemplate(tx, practiceId, templateId, { forUpdate });
    if (!template) throw new NotFoundError('Paperwork template', 'templateId');
    return template;
  }

  async function loadVersion(
    tx: Transaction,
    practiceId: string,
    template: repository.TemplateRecord,
    version: number,
  ): Promise<TemplateVersionView> {
    const row = await repository.findTemplateVersion(tx, practiceId, template.id, version);
    if (!row) throw new NotFoundError(`Version ${version} of this template`, 'version');
    return { ...row, kind: template.kind, parsed: parseStoredContent(template.kind, row.content) };
  }

  async function detailOf(tx: Transaction, practiceId: string, template: repository.TemplateRecord): Promise<TemplateDetailView> {
    return {
      template,
      current: await loadVersion(tx, practiceId, template, template.currentVersion),
      versions: await repository.listTemplateVersions(tx, practiceId, template.id),
    };
  }

  async function loadAppointment(tx: Transaction, practiceId: string, appointmentId: string): Promise<AppointmentSnapshot> {
    const appointment = await findAppointmentSnapshotWithin(tx, practiceId, appointmentId);
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    return appointment;
  }

  /** Adds each assignment's appointment start (one read per appointment). */
  async function withAppointmentStarts(
    tx: Transaction,
    practiceId: string,
    assignments: AssignmentViewRecord[],
  ): Promise<AssignmentView[]> {
    const starts = new Map<string, Date | null>();
    for (const appointmentId of new Set(assignments.map((assignment) => assignment.appointmentId))) {
      starts.set(appointmentId, (await findAppointmentSnapshotWithin(tx, practiceId, appointmentId))?.startsAt ?? null);
    }
    return assignments.map((assignment) => ({ ...assignment, appointmentStart: starts.get(assignment.appointmentId) ?? null }));
  }

  function assertWitnessNeedsSignature(wording: TemplateWording): void {
    if (wording.requiresWitnessSignature && !wording.requiresSignature) {
      throw new ValidationError('A witness signs after the patient: turn on requiresSignature too.', {
        field: 'requiresWitnessSignature',
        code: 'witness_without_signature',
      });
    }
  }

  /**
   * A membership plan's agreement is signed without a witness (docs/decisions/033): while an
   * active plan uses the consent, it does not start requiring one, or no new member could sign.
   * The template row is locked for update, and a plan choosing it reads it under a share lock,
   * so a plan saved concurrently either is listed here or sees the new requirement.
   */
  async function assertNoPlanSignsWithoutWitness(tx: Transaction, practiceId: string, templateId: string): Promise<void> {
    const planNames = await agreementPlans.activePlanNamesUsingAgreementWithin(tx, practiceId, templateId);
    if (planNames.length === 0) return;
    const listed = planNames.map((name) => `“${name}”`).join(', ');
    const message =
      planNames.length === 1
        ? `The membership plan ${listed} uses this consent as its agreement, which members sign without a witness. Choose another agreement for the plan, or deactivate it, in Settings → Memberships first.`
        : `The membership plans ${listed} use this consent as their agreement, which members sign without a witness. Choose another agreement for those plans, or deactivate them, in Settings → Memberships first.`;
    throw new ConflictError(message, 'template_used_by_membership_plan', { field: 'requiresWitnessSignature', extensions: { planNames } });
  }

  return {
    async listTemplates(
      actor: StaffActor,
      filter: { kind?: PaperworkKind | undefined; active?: boolean | undefined },
    ): Promise<TemplateSummaryView[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const rows = await repository.listTemplateSummaries(tx, actor.practiceId, filter);
        return rows.map((row) => ({ ...row, parsed: parseStoredContent(row.kind, row.content) }));
      });
    },

    async getTemplate(actor: StaffActor, templateId: string): Promise<TemplateDetailView> {
      return inPractice(database, actor.practiceId, async (tx) =>
        detailOf(tx, actor.practiceId, await loadTemplate(tx, actor.practiceId, templateId)),
      );
    },

    /** One version exactly as written (what a patient assigned that version saw). */
    async getTemplateVersion(actor: StaffActor, templateId: string, version: number): Promise<TemplateVersionView> {
      return inPractice(database, actor.practiceId, async (tx) =>
        loadVersion(tx, actor.practiceId, await loadTemplate(tx, actor.practiceId, templateId), version),
      );
    },

    async createTemplate(actor: StaffActor, input: CreatePaperworkTemplateInput, meta: RequestMeta): Promise<TemplateDetailView> {
      const wording = wordingOf(input);
      assertWitnessNeedsSignature(wording);
      return inPractice(database, actor.practiceId, async (tx) => {
        const now = clock.now();
        const template = await repository.insertTemplate(tx, actor.practiceId, {
          kind: input.kind,
          showDaysBefore: input.showDaysBefore ?? DEFAULT_SHOW_DAYS_BEFORE,
          createdBy: actor.staffId,
          now,
        });
        await repository.insertTemplateVersion(tx, actor.practiceId, {
          templateId: template.id,
          version: 1,
          ...wording,
          createdAt: now,
          createdBy: actor.staffId,
        });
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'paperwork_template.create',
          objectType: 'paperwork_template',
          objectId: template.id,
          details: { kind: template.kind, name: wording.name, version: 1, showDaysBefore: template.showDaysBefore },
        });
        return detailOf(tx, actor.practiceId, template);
      });
    },

    /**
     * An edit adds a version (earlier versions stay exactly as they were, and so do the
     * assignments that point at them); an edit that changes nothing adds none. The kind
     * never changes.
     */
    async updateTemplate(
      actor: StaffActor,
      templateId: string,
      input: CreatePaperworkTemplateInput,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<TemplateDetailView> {
      const wording = wordingOf(input);
      assertWitnessNeedsSignature(wording);
      return inPractice(database, actor.practiceId, async (tx) => {
        const template = await loadTemplate(tx, actor.practiceId, templateId, true);
        if (expectedVersion !== undefined && expectedVersion !== template.currentVersion) throw new PreconditionFailedError();
        if (input.kind !== template.kind) {
          throw new ValidationError(`This template is a ${template.kind}; its kind cannot change. Create a new template instead.`, {
            field: 'kind',
            code: 'kind_immutable',
          });
        }
        const current = await loadVersion(tx, actor.practiceId, template, template.currentVersion);
        if (wording.requiresWitnessSignature && !current.requiresWitnessSignature) {
          await assertNoPlanSignsWithoutWitness(tx, actor.practiceId, templateId);
        }
        const showDaysBefore = input.showDaysBefore ?? template.showDaysBefore;
        const wordingChanged = !sameWording(wordingOfVersion(template.kind, current), wording);
        if (!wordingChanged && showDaysBefore === template.showDaysBefore) return detailOf(tx, actor.practiceId, template);
        const now = clock.now();
        if (!wordingChanged) {
          // When the form shows is a setting of the template, not wording: no new version.
          const updated = await repository.updateTemplate(tx, actor.practiceId, templateId, { showDaysBefore, updatedAt: now });
          await recordAudit(tx, {
            ...staffAudit(actor, meta),
            action: 'paperwork_template.update',
            objectType: 'paperwork_template',
            objectId: templateId,
            details: { kind: template.kind, version: template.currentVersion, showDaysBefore },
          });
          return detailOf(tx, actor.practiceId, updated);
        }
        const version = template.currentVersion + 1;
        await repository.insertTemplateVersion(tx, actor.practiceId, {
          templateId,
          version,
          ...wording,
          createdAt: now,
          createdBy: actor.staffId,
        });
        const updated = await repository.updateTemplate(tx, actor.practiceId, templateId, {
          currentVersion: version,
          showDaysBefore,
          updatedAt: now,
        });
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'paperwork_template.update',
          objectType: 'paperwork_template',
          objectId: templateId,
          details: { kind: template.kind, name: wording.name, version, showDaysBefore },
        });
        return detailOf(tx, actor.practiceId, updated);
      });
    },

    /** Deactivating keeps the template and its versions (assignments point at them); it is no longer assigned. */
    async setTemplateActive(actor: StaffActor, templateId: string, active: boolean, meta: RequestMeta): Promise<TemplateDetailView> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const template = await loadTemplate(tx, actor.practiceId, templateId, true);
        if (template.active === active) return detailOf(tx, actor.practiceId, template);
        const updated = await repository.updateTemplate(tx, actor.practiceId, templateId, { active, updatedAt: clock.now() });
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: active ? 'paperwork_template.reactivate' : 'paperwork_template.deactivate',
          objectType: 'paperwork_template',
          objectId: templateId,
        });
        return detailOf(tx, actor.practiceId, updated);
      });
    },

    async getServicePaperwork(actor: StaffActor, serviceId: string): Promise<repository.ServicePaperworkRecord[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const [service] = await findServiceNamesWithin(tx, actor.practiceId, [serviceId]);
        if (!service) throw new NotFoundError('Service', 'serviceId');
        return repository.listServicePaperwork(tx, actor.practiceId, [serviceId]);
      });
    },

    /** Replaces the forms a service forwards when booked, in the given order; only active templates may be attached. */
    async replaceServicePaperwork(
      actor: StaffActor,
      serviceId: string,
      templateIds: readonly string[],
      meta: RequestMeta,
    ): Promise<repository.ServicePaperworkRecord[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const [service] = await findServiceNamesWithin(tx, actor.practiceId, [serviceId]);
        if (!service) throw new NotFoundError('Service', 'serviceId');
        const found = new Map(
          (await repository.listTemplateSummaries(tx, actor.practiceId, { templateIds })).map((template) => [template.id, template]),
        );
        const alreadyAttached = new Set(
          (await repository.listServicePaperwork(tx, actor.practiceId, [serviceId])).map((form) => form.templateId),
        );
        templateIds.forEach((templateId, index) => {
          const template = found.get(templateId);
          if (!template) throw new NotFoundError('Paperwork template', `templateIds[${index}]`);
          // A deactivated form already attached may stay (it is skipped at booking); a new one may not be added.
          if (!template.active && !alreadyAttached.has(templateId)) {
            throw new ValidationError(`${template.name} is deactivated; reactivate it before attaching it to a service.`, {
              field: `templateIds[${index}]`,
              code: 'template_inactive',
            });
          }
        });
        await repository.replaceServicePaperwork(tx, actor.practiceId, serviceId, templateIds);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'service.paperwork_update',
          objectType: 'service',
          objectId: serviceId,
          details: { templateIds },
        });
        return repository.listServicePaperwork(tx, actor.practiceId, [serviceId]);
      });
    },

    /**
     * Assigns the appointment's services' forms to its patient (idempotent: a repeat
     * creates nothing). What booking does through the BookingObserver once it is wired.
     */
    async assignForAppointment(
      actor: StaffActor,
      appointmentId: string,
      meta: RequestMeta,
    ): Promise<{ items: AssignmentView[]; created: number }> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const appointment = await loadAppointment(tx, actor.practiceId, appointmentId);
        if (appointment.kind !== 'appointment' || !appointment.patientId) {
          throw new ConflictError('An out-of-office block has no patient and no paperwork.', 'not_an_appointment', {
            field: 'appointmentId',
          });
        }
        if (appointment.status === 'cancelled' || appointment.status === 'no_show') {
          throw new ConflictError(
            `This appointment is ${appointment.status.replace('_', ' ')}; no paperwork is assigned for it.`,
            'invalid_status',
            {
              field: 'appointmentId',
            },
          );
        }
        const created = await assignPaperworkForAppointment(tx, actor.practiceId, {
          appointmentId,
          patientId: appointment.patientId,
          serviceIds: appointment.services.map((service) => service.serviceId),
          actorStaffId: actor.staffId,
          now: clock.now(),
        });
        if (created.length > 0) {
          await recordAudit(tx, {
            ...staffAudit(actor, meta),
            action: 'paperwork.assign',
            objectType: 'appointment',
            objectId: appointmentId,
            details: { patientId: appointment.patientId, assignmentIds: created.map((assignment) => assignment.id) },
          });
        }
        const items = await repository.listAssignments(tx, actor.practiceId, { appointmentId }, MAX_ASSIGNMENTS_LISTED);
        return { items: await withAppointmentStarts(tx, actor.practiceId, items), created: created.length };
      });
    },

    async listAppointmentPaperwork(actor: StaffActor, appointmentId: string, meta: RequestMeta): Promise<AssignmentView[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const appointment = await loadAppointment(tx, actor.practiceId, appointmentId);
        const items = await repository.listAssignments(tx, actor.practiceId, { appointmentId }, MAX_ASSIGNMENTS_LISTED);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'paperwork.list',
          objectType: 'appointment',
          objectId: appointmentId,
          details: { patientId: appointment.patientId, count: items.length },
        });
        return withAppointmentStarts(tx, actor.practiceId, items);
      });
    },

    async listPatientPaperwork(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<AssignmentView[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        if (!(await patients.findPatientWithin(tx, actor.practiceId, patientId))) throw new NotFoundError('Patient', 'patientId');
        const items = await repository.listAssignments(tx, actor.practiceId, { patientId }, MAX_ASSIGNMENTS_LISTED);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'paperwork.list',
          objectType: 'patient',
          objectId: patientId,
          details: { patientId, count: items.length },
        });
        return withAppointmentStarts(tx, actor.practiceId, items);
      });
    },

    async getAssignment(
      actor: StaffActor,
      assignmentId: string,
      meta: RequestMeta,
    ): Promise<{ assignment: AssignmentView; history: AssignmentEventRecord[] }> {
      await assertStaffMayReadAssignment(deps, actor, assignmentId);
      return inPractice(database, actor.practiceId, async (tx) => {
        const found = await repository.findAssignment(tx, actor.practiceId, assignmentId);
        if (!found) throw new NotFoundError('Paperwork assignment', 'assignmentId');
        const [assignment] = await withAppointmentStarts(tx, actor.practiceId, [found]);
        if (!assignment) throw new Error('assignment view is missing');
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'paperwork_assignment.read',
          objectType: 'paperwork_assignment',
          objectId: assignmentId,
          details: { patientId: found.patientId },
        });
        return { assignment, history: await repository.listAssignmentEvents(tx, actor.practiceId, assignmentId) };
      });
    },

    /**
     * "Reset the form": back to Not Signed / Not Filled / Not Viewed so the patient completes
     * it again. What they submitted before stays in the history; only a form the patient
     * (or witness) acted on can be reset.
     */
    async resetAssignment(actor: StaffActor, assignmentId: string, reason: string | undefined, meta: RequestMeta): Promise<AssignmentView> {
      await assertStaffMayReadAssignment(deps, actor, assignmentId);
      return inPractice(database, actor.practiceId, async (tx) => {
        const assignment = await repository.findAssignment(tx, actor.practiceId, assignmentId, { forUpdate: true });
        if (!assignment) throw new NotFoundError('Paperwork assignment', 'assignmentId');
        if (!completedStatuses.includes(assignment.status)) {
          throw new ConflictError('The patient has not completed this form yet, so there is nothing to reset.', 'paperwork_not_completed', {
            field: 'assignmentId',
          });
        }
        const now = clock.now();
        const status = initialPaperworkStatus[assignment.kind];
        await repository.updateAssignmentStatus(tx, actor.practiceId, assignmentId, { status, now, reset: true });
        await repository.insertAssignmentEvents(tx, actor.practiceId, [
          {
            assignmentId,
            occurredAt: now,
            actorStaffId: actor.staffId,
            type: 'reset',
            fromStatus: assignment.status,
            toStatus: status,
            details: reason ? { reason } : {},
          },
        ]);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'paperwork_assignment.reset',
          objectType: 'paperwork_assignment',
          objectId: assignmentId,
          details: { patientId: assignment.patientId, from: assignment.status, to: status, ...(reason ? { reason } : {}) },
        });
        const after = await repository.findAssignment(tx, actor.practiceId, assignmentId);
        if (!after) throw new Error('reset assignment vanished');
        const [view] = await withAppointmentStarts(tx, actor.practiceId, [after]);
        if (!view) throw new Error('assignment view is missing');
        return view;
      });
    },
  };
}

export type PaperworkService = ReturnType<typeof createPaperworkService>;
