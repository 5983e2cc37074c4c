import type { MergePortalRegistration, PortalRegistration, PortalRegistrationHandled, RegistrationField } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { toPatientResponse, type PatientsService } from '../patients/index.ts';
import { chosenProfileFieldsOf, newProfileOf } from './registration-details.ts';
import * as registrations from './registration-repository.ts';
import type { RegistrationRow } from './registration-repository.ts';

export interface RegistrationQueueDependencies {
  database: Database;
  clock: Clock;
  patients: Pick<PatientsService, 'findPatientsByContactWithin' | 'findPatientWithin' | 'createPatientWithin' | 'updatePatientWithin'>;
}

const QUEUE_LIMIT = 100;

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

function alreadyHandled(row: RegistrationRow | undefined): ConflictError | NotFoundError {
  if (!row || row.status === 'pending') return new NotFoundError('Registration', 'registrationId');
  return new ConflictError('Someone has already handled this registration. Reload the list.', 'registration_already_handled', {
    extensions: { status: row.status },
  });
}

/**
 * The staff queue of portal registrations whose phone or email belongs to a profile that did
 * not match their date of birth and last name (docs/decisions/024): merge into a profile,
 * create a separate client, or dismiss. Each is taken from the queue by one conditional
 * update, so a second member of staff acting at once gets 409.
 */
export function createRegistrationQueue(deps: RegistrationQueueDependencies) {
  const { database, clock, patients } = deps;

  async function take(
    tx: Transaction,
    actor: StaffActor,
    registrationId: string,
    status: 'merged' | 'created_by_staff' | 'dismissed',
    patientId: string | null,
  ): Promise<RegistrationRow> {
    const taken = await registrations.takeQueued(tx, actor.practiceId, registrationId, {
      status,
      patientId,
      handledBy: actor.staffId,
      handledAt: clock.now(),
    });
    if (!taken) throw alreadyHandled(await registrations.findRegistration(tx, actor.practiceId, registrationId));
    return taken;
  }

  return {
    async countQueued(actor: StaffActor): Promise<number> {
      return inPractice(database, actor.practiceId, (tx) => registrations.countQueued(tx, actor.practiceId));
    },

    /** The queue, oldest first, each with the profiles that hold its proved contact (an audited read of them). */
    async listQueued(actor: StaffActor, meta: RequestMeta): Promise<PortalRegistration[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const rows = await registrations.listQueued(tx, actor.practiceId, QUEUE_LIMIT);
        const items: PortalRegistration[] = [];
        for (const row of rows) {
          const summaries = await patients.findPatientsByContactWithin(tx, actor.practiceId, {
            channel: row.channel,
            address: row.contact,
          });
          const matches = [];
          for (const summary of summaries) {
            const patient = await patients.findPatientWithin(tx, actor.practiceId, summary.id);
            if (patient) matches.push(toPatientResponse(patient));
          }
          items.push({
            id: row.id,
            status: row.status,
            submittedAt: row.createdAt.toISOString(),
            verifiedAt: row.verifiedAt?.toISOString() ?? null,
            channel: row.channel,
            contact: row.contact,
            details: row.details,
            matches,
          });
        }
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'portal_registration.list',
          objectType: 'portal_registration',
          details: {
            registrationIds: items.map((item) => item.id),
            patientIds: [...new Set(items.flatMap((item) => item.matches.map((match) => match.id)))],
          },
        });
        return items;
      });
    },

    /** Merge into this profile: the chosen fields of the registration are copied onto it. */
    async merge(
      actor: StaffActor,
      registrationId: string,
      input: MergePortalRegistration,
      meta: RequestMeta,
    ): Promise<PortalRegistrationHandled> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const patient = await patients.findPatientWithin(tx, actor.practiceId, input.patientId);
        if (!patient) throw new NotFoundError('Patient', 'patientId');
        const taken = await take(tx, actor, registrationId, 'merged', patient.id);
        const fields: RegistrationField[] = [...new Set(input.fields ?? [])];
        const changes = chosenProfileFieldsOf(taken.details, fields);
        if (Object.keys(changes).length > 0) {
          await patients.updatePatientWithin(tx, actor, patient.id, changes, meta, { source: 'portal_registration', registrationId });
        }
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'portal_registration.merge',
          objectType: 'portal_registration',
          objectId: registrationId,
          details: { patientId: patient.id, fields },
        });
        return { id: registrationId, status: 'merged', patientId: patient.id };
      });
    },

    /** Create as new client: a separate profile made of the whole registration. */
    async createClient(actor: StaffActor, registrationId: string, meta: RequestMeta): Promise<PortalRegistrationHandled> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const taken = await take(tx, actor, registrationId, 'created_by_staff', null);
        const { patient } = await patients.createPatientWithin(tx, actor, newProfileOf(taken.details, taken.channel), meta);
        await registrations.settle(tx, actor.practiceId, registrationId, { status: 'created_by_staff', patientId: patient.id });
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'portal_registration.create_client',
          objectType: 'portal_registration',
          objectId: registrationId,
          details: { patientId: patient.id },
        });
        return { id: registrationId, status: 'created_by_staff', patientId: patient.id };
      });
    },

    async dismiss(actor: StaffActor, registrationId: string, meta: RequestMeta): Promise<PortalRegistrationHandled> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await take(tx, actor, registrationId, 'dismissed', null);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'portal_registration.dismiss',
          objectType: 'portal_registration',
          objectId: registrationId,
        });
        return { id: registrationId, status: 'dismissed', patientId: null };
      });
    },
  };
}

export type RegistrationQueue = ReturnType<typeof createRegistrationQueue>;
