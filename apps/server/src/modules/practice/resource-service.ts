import type { createResourceRequestSchema, updateResourceRequestSchema } from '@glowdesk/contracts';
import type { z } from 'zod';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { PracticeDependencies } from './practice-dependencies.ts';
import { assertVersion } from './reference-checks.ts';
import * as resourceRepository from './resource-repository.ts';
import type { ResourceFilter, ResourceRecord } from './resource-repository.ts';
import type { ResourceUnitBooking } from './resource-unit-bookings.ts';
import { describeChanges, recordSetupChange } from './setup-audit.ts';
import { mappingSetupErrors } from './setup-write-errors.ts';

export type CreateResourceInput = z.output<typeof createResourceRequestSchema>;
export type UpdateResourceInput = z.output<typeof updateResourceRequestSchema>;

export function createResourceService({ database, clock, resourceUnitBookings }: PracticeDependencies) {
  return {
    async list(actor: StaffActor, filter: ResourceFilter): Promise<ResourceRecord[]> {
      return inPractice(database, actor.practiceId, (tx) => resourceRepository.listResources(tx, actor.practiceId, filter));
    },

    async get(actor: StaffActor, resourceId: string): Promise<ResourceRecord> {
      const resource = await inPractice(database, actor.practiceId, (tx) =>
        resourceRepository.findResource(tx, actor.practiceId, resourceId),
      );
      if (!resource) throw new NotFoundError('Resource', 'resourceId');
      return resource;
    },

    async create(actor: StaffActor, input: CreateResourceInput, meta: RequestMeta): Promise<ResourceRecord> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const clinic = await clinicRepository.findClinic(tx, actor.practiceId, input.clinicId);
          if (!clinic) throw new ValidationError('No clinic with this id.', { field: 'clinicId', code: 'unknown_id' });
          const resource = await resourceRepository.insertResource(tx, actor.practiceId, input);
          await recordSetupChange(tx, actor, meta, {
            action: 'resource.create',
            objectType: 'resource',
            objectId: resource.id,
            details: { clinicId: resource.clinicId, name: resource.name, kind: resource.kind, quantity: resource.quantity },
          });
          return resource;
        }),
      );
    },

    async update(
      actor: StaffActor,
      resourceId: string,
      changes: UpdateResourceInput,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<ResourceRecord> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const before = await resourceRepository.findResource(tx, actor.practiceId, resourceId, { lock: true });
          if (!before) throw new NotFoundError('Resource', 'resourceId');
          assertVersion(expectedVersion, before.version);
          if (changes.quantity !== undefined && changes.quantity < before.quantity) {
            // The resource row is locked, and each booking claims a numbered unit: bookings
            // holding a unit above the new quantity would be left on a unit that is gone.
            const stranded = await resourceUnitBookings.findBookingsAboveUnit(tx, {
              practiceId: actor.practiceId,
              resourceId,
              units: changes.quantity,
              after: clock.now(),
            });
            if (stranded.length > 0) throw resourceUnitsBooked(before, changes.quantity, stranded);
          }
          const after = await resourceRepository.updateResource(tx, actor.practiceId, resourceId, changes, clock.now());
          if (!after) throw new NotFoundError('Resource', 'resourceId');
          await recordSetupChange(tx, actor, meta, {
            action: 'resource.update',
            objectType: 'resource',
            objectId: resourceId,
            details: { changes: describeChanges(before, after, Object.keys(changes)) },
          });
          return after;
        }),
      );
    },

    /** Only a resource no service needs (and nothing booked) can go; otherwise 409. */
    async remove(actor: StaffActor, resourceId: string, meta: RequestMeta): Promise<void> {
      await mappingSetupErrors(
        () =>
          inPractice(database, actor.practiceId, async (tx) => {
            const resource = await resourceRepository.findResource(tx, actor.practiceId, resourceId, { lock: true });
            if (!resource) throw new NotFoundError('Resource', 'resourceId');
            await resourceRepository.deleteResource(tx, actor.practiceId, resourceId);
            await recordSetupChange(tx, actor, meta, {
              action: 'resource.delete',
              objectType: 'resource',
              objectId: resourceId,
              details: { name: resource.name },
            });
          }),
        'delete',
      );
    },
  };
}

export type ResourceService = ReturnType<typeof createResourceService>;

function resourceUnitsBooked(resource: ResourceRecord, quantity: number, bookings: ResourceUnitBooking[]): ConflictError {
  return new ConflictError(
    `${resource.name} is booked on more than ${quantity} unit${quantity === 1 ? '' : 's'} at once from now on: move or cancel ${bookings.length === 1 ? 'this booking' : 'these bookings'} first, or keep the quantity.`,
    'resource_units_booked',
    {
      field: 'quantity',
      extensions: {
        bookings: bookings.map((booking) => ({
          appointmentId: booking.appointmentId,
          startsAt: booking.startsAt.toISOString(),
          unit: booking.unit,
        })),
      },
    },
  );
}
