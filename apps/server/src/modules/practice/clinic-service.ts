import type { createClinicRequestSchema, updateClinicRequestSchema } from '@glowdesk/contracts';
import type { z } from 'zod';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { ClinicRecord } from './clinic-repository.ts';
import type { PracticeDependencies } from './practice-dependencies.ts';
import { assertVersion } from './reference-checks.ts';
import { describeChanges, recordSetupChange } from './setup-audit.ts';
import { mappingSetupErrors } from './setup-write-errors.ts';

export type CreateClinicInput = z.output<typeof createClinicRequestSchema>;
export type UpdateClinicInput = z.output<typeof updateClinicRequestSchema>;

export function createClinicService({ database, clock }: PracticeDependencies) {
  return {
    async list(actor: StaffActor, filter: { active?: boolean | undefined }): Promise<ClinicRecord[]> {
      return inPractice(database, actor.practiceId, (tx) => clinicRepository.listClinics(tx, actor.practiceId, filter));
    },

    /** One clinic; patients' receipts read it too, hence only the practice of the actor. */
    async get(actor: Pick<StaffActor, 'practiceId'>, clinicId: string): Promise<ClinicRecord> {
      const clinic = await inPractice(database, actor.practiceId, (tx) => clinicRepository.findClinic(tx, actor.practiceId, clinicId));
      if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
      return clinic;
    },

    async create(actor: StaffActor, input: CreateClinicInput, meta: RequestMeta): Promise<ClinicRecord> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const clinic = await clinicRepository.insertClinic(tx, actor.practiceId, {
            name: input.name,
            timezone: input.timezone,
            addressLine1: input.addressLine1 ?? null,
            addressLine2: input.addressLine2 ?? null,
            city: input.city ?? null,
            region: input.region ?? null,
            postalCode: input.postalCode ?? null,
            country: input.country ?? null,
            phone: input.phone ?? null,
            notificationEmail: input.notificationEmail ?? null,
            smsNotificationPhone: input.smsNotificationPhone ?? null,
            slotStepMinutes: input.slotStepMinutes,
            minimumNoticeMinutes: input.minimumNoticeMinutes,
            bookingHorizonDays: input.bookingHorizonDays,
          });
          await recordSetupChange(tx, actor, meta, {
            action: 'clinic.create',
            objectType: 'clinic',
            objectId: clinic.id,
            details: { name: clinic.name, timezone: clinic.timezone },
          });
          return clinic;
        }),
      );
    },

    async update(
      actor: StaffActor,
      clinicId: string,
      changes: UpdateClinicInput,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<ClinicRecord> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const before = await clinicRepository.findClinic(tx, actor.practiceId, clinicId, { lock: true });
          if (!before) throw new NotFoundError('Clinic', 'clinicId');
          assertVersion(expectedVersion, before.version);
          const after = await clinicRepository.updateClinic(tx, actor.practiceId, clinicId, changes, clock.now());
          if (!after) throw new NotFoundError('Clinic', 'clinicId');
          await recordSetupChange(tx, actor, meta, {
            action: 'clinic.update',
            objectType: 'clinic',
            objectId: clinicId,
            details: { changes: describeChanges(before, after, Object.keys(changes)) },
          });
          return after;
        }),
      );
    },

    /** Only a clinic nothing refers to can go; otherwise 409: deactivate it instead. */
    async remove(actor: StaffActor, clinicId: string, meta: RequestMeta): Promise<void> {
      await mappingSetupErrors(
        () =>
          inPractice(database, actor.practiceId, async (tx) => {
            const clinic = await clinicRepository.findClinic(tx, actor.practiceId, clinicId, { lock: true });
            if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
            await clinicRepository.deleteClinic(tx, actor.practiceId, clinicId);
            await recordSetupChange(tx, actor, meta, {
              action: 'clinic.delete',
              objectType: 'clinic',
              objectId: clinicId,
              details: { name: clinic.name },
            });
          }),
        'delete',
      );
    },
  };
}

export type ClinicService = ReturnType<typeof createClinicService>;
