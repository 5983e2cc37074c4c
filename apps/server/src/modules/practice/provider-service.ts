import type { createProviderRequestSchema, updateProviderRequestSchema } from '@glowdesk/contracts';
import type { z } from 'zod';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { PracticeDependencies } from './practice-dependencies.ts';
import * as providerRepository from './provider-repository.ts';
import type { ProviderFilter, ProviderRecord } from './provider-repository.ts';
import { assertVersion, problemsForUnknownIds, throwIfProblems } from './reference-checks.ts';
import * as scheduleRepository from './schedule-repository.ts';
import * as serviceRepository from './service-repository.ts';
import { describeChanges, recordSetupChange } from './setup-audit.ts';
import { mappingSetupErrors } from './setup-write-errors.ts';

export type CreateProviderInput = z.output<typeof createProviderRequestSchema>;
export type UpdateProviderInput = z.output<typeof updateProviderRequestSchema>;

/** Calendar colors picked by staff id when none is chosen; distinct at a glance on white. */
const providerPalette = ['#7c3aed', '#db2777', '#0891b2', '#16a34a', '#ea580c', '#2563eb', '#ca8a04', '#9333ea', '#0d9488', '#dc2626'];

function paletteColorFor(staffId: string): string {
  return providerPalette[Number.parseInt(staffId.slice(0, 8), 16) % providerPalette.length] ?? '#7c3aed';
}

async function checkProviderLinks(
  tx: Transaction,
  practiceId: string,
  links: { clinicIds?: readonly string[] | undefined; serviceIds?: readonly string[] | undefined },
): Promise<void> {
  const clinicIds = links.clinicIds ?? [];
  const serviceIds = links.serviceIds ?? [];
  const clinics = await clinicRepository.findClinicsByIds(tx, practiceId, clinicIds);
  const services = await serviceRepository.findServiceNamesByIds(tx, practiceId, serviceIds);
  throwIfProblems([
    ...problemsForUnknownIds(clinicIds, new Set(clinics.map((clinic) => clinic.id)), 'clinicIds', 'clinic'),
    ...problemsForUnknownIds(serviceIds, new Set(services.map((service) => service.id)), 'serviceIds', 'service'),
  ]);
}

export function createProviderService({ database, clock, identity }: PracticeDependencies) {
  async function loadProvider(tx: Transaction, practiceId: string, providerId: string): Promise<ProviderRecord> {
    const provider = await providerRepository.findProvider(tx, practiceId, providerId);
    if (!provider) throw new NotFoundError('Provider', 'providerId');
    return provider;
  }

  return {
    async list(actor: StaffActor, filter: ProviderFilter): Promise<ProviderRecord[]> {
      return inPractice(database, actor.practiceId, (tx) => providerRepository.listProviders(tx, actor.practiceId, filter));
    },

    async get(actor: StaffActor, providerId: string): Promise<ProviderRecord> {
      return inPractice(database, actor.practiceId, (tx) => loadProvider(tx, actor.practiceId, providerId));
    },

    /** Makes a staff member bookable. */
    async create(actor: StaffActor, input: CreateProviderInput, meta: RequestMeta): Promise<ProviderRecord> {
      const member = await identity.findStaff(actor, input.staffId).catch((error: unknown) => {
        if (error instanceof NotFoundError)
          throw new ValidationError('No staff member with this id.', { field: 'staffId', code: 'unknown_id' });
        throw error;
      });
      if (!member.active) throw new ValidationError('This staff member is deactivated.', { field: 'staffId', code: 'inactive' });
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          await checkProviderLinks(tx, actor.practiceId, input);
          const { id } = await providerRepository.insertProvider(tx, actor.practiceId, {
            staffId: member.id,
            displayName: input.displayName ?? member.displayName,
            title: input.title ?? null,
            color: input.color ?? paletteColorFor(member.id),
            virtualRoomUrl: input.virtualRoomUrl ?? null,
          });
          await providerRepository.replaceProviderClinics(tx, actor.practiceId, id, input.clinicIds);
          await providerRepository.replaceProviderServices(tx, actor.practiceId, id, input.serviceIds);
          const provider = await loadProvider(tx, actor.practiceId, id);
          await recordSetupChange(tx, actor, meta, {
            action: 'provider.create',
            objectType: 'provider',
            objectId: id,
            details: {
              staffId: member.id,
              displayName: provider.displayName,
              clinicIds: provider.clinicIds,
              serviceIds: provider.serviceIds,
            },
          });
          return provider;
        }),
      );
    },

    async update(
      actor: StaffActor,
      providerId: string,
      changes: UpdateProviderInput,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<ProviderRecord> {
      const { clinicIds, serviceIds, ...fields } = changes;
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const before = await providerRepository.findProvider(tx, actor.practiceId, providerId, { lock: true });
          if (!before) throw new NotFoundError('Provider', 'providerId');
          assertVersion(expectedVersion, before.version);
          await checkProviderLinks(tx, actor.practiceId, { clinicIds, serviceIds });
          if (clinicIds !== undefined) {
            const scheduled = await scheduleRepository.findClinicIdsWithSchedule(tx, actor.practiceId, providerId);
            const removedWithHours = before.clinicIds.filter((clinicId) => !clinicIds.includes(clinicId) && scheduled.has(clinicId));
            if (removedWithHours.length > 0) {
              const names = (await clinicRepository.findClinicsByIds(tx, actor.practiceId, removedWithHours)).map((clinic) => clinic.name);
              throw new ConflictError(
                `The provider has working hours at ${names.join(', ')}. Clear them (PUT an empty rules list, delete the overrides) before removing the clinic.`,
                'has_schedule_at_clinic',
                { field: 'clinicIds', extensions: { clinicIds: removedWithHours } },
              );
            }
          }
          await providerRepository.updateProvider(tx, actor.practiceId, providerId, fields, clock.now());
          if (clinicIds !== undefined) await providerRepository.replaceProviderClinics(tx, actor.practiceId, providerId, clinicIds);
          if (serviceIds !== undefined) await providerRepository.replaceProviderServices(tx, actor.practiceId, providerId, serviceIds);
          const after = await loadProvider(tx, actor.practiceId, providerId);
          await recordSetupChange(tx, actor, meta, {
            action: 'provider.update',
            objectType: 'provider',
            objectId: providerId,
            details: { changes: describeChanges(before, after, Object.keys(changes)) },
          });
          return after;
        }),
      );
    },

    /** Removes a provider nothing refers to, with their schedule; otherwise 409. */
    async remove(actor: StaffActor, providerId: string, meta: RequestMeta): Promise<void> {
      await mappingSetupErrors(
        () =>
          inPractice(database, actor.practiceId, async (tx) => {
            const provider = await providerRepository.findProvider(tx, actor.practiceId, providerId, { lock: true });
            if (!provider) throw new NotFoundError('Provider', 'providerId');
            await providerRepository.deleteProvider(tx, actor.practiceId, providerId);
            await recordSetupChange(tx, actor, meta, {
              action: 'provider.delete',
              objectType: 'provider',
              objectId: providerId,
              details: { displayName: provider.displayName },
            });
          }),
        'delete',
      );
    },
  };
}

export type ProviderService = ReturnType<typeof createProviderService>;
