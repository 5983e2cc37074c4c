import { expandWorkingIntervals } from '@glowdesk/scheduling';
import type { Transaction } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { BookingCatalog, ClinicSummary, VisitCatalog } from '../appointments/index.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { ClinicRecord } from './clinic-repository.ts';
import { addDays, LOCAL_DATE_MARGIN_DAYS, localDateAt } from './clinic-time.ts';
import { buildProviderSchedules } from './provider-schedules.ts';
import * as providerRepository from './provider-repository.ts';
import type { ProviderRecord } from './provider-repository.ts';
import * as resourceRepository from './resource-repository.ts';
import * as scheduleRepository from './schedule-repository.ts';
import { callingEngine } from './scheduling-errors.ts';
import { loadServiceSequence, resolveVisitMode, resourcesNeededIn } from './service-sequence.ts';

async function loadActiveClinic(tx: Transaction, practiceId: string, clinicId: string): Promise<ClinicRecord> {
  const clinic = await clinicRepository.findClinic(tx, practiceId, clinicId);
  if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
  if (!clinic.active) throw new ValidationError(`${clinic.name} is deactivated.`, { field: 'clinicId', code: 'inactive' });
  return clinic;
}

async function loadProviderAtClinic(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  clinic: ClinicRecord,
): Promise<ProviderRecord> {
  const provider = await providerRepository.findProvider(tx, practiceId, providerId);
  if (!provider) throw new NotFoundError('Provider', 'providerId');
  if (!provider.active) throw new ValidationError(`${provider.displayName} is deactivated.`, { field: 'providerId', code: 'inactive' });
  if (!provider.clinicIds.includes(clinic.id)) {
    throw new ValidationError(`${provider.displayName} does not work at ${clinic.name}.`, {
      field: 'providerId',
      code: 'provider_not_at_clinic',
    });
  }
  return provider;
}

/**
 * What booking reads from practice setup, inside the booking's own transaction: the
 * practice module's side of the appointments module's BookingCatalog port. Services are
 * resolved by the same rules availability uses (loadServiceSequence).
 */
export function createBookingCatalog(): BookingCatalog {
  return {
    async loadVisitCatalog(tx, practiceId, request): Promise<VisitCatalog> {
      const clinic = await loadActiveClinic(tx, practiceId, request.clinicId);
      const provider = await loadProviderAtClinic(tx, practiceId, request.providerId, clinic);
      const sequence = await loadServiceSequence(tx, practiceId, clinic, request.choice);
      const mode = resolveVisitMode(sequence, request.mode);
      const cannotPerform = sequence.services.find((service) => !provider.serviceIds.includes(service.id));
      if (cannotPerform) {
        throw new ValidationError(`${provider.displayName} does not perform ${cannotPerform.name}.`, {
          field: 'providerId',
          code: 'provider_not_eligible',
        });
      }
      const services = sequence.services.map((service) => ({
        serviceId: service.id,
        name: service.name,
        durationMinutes: service.durationMinutes,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        priceCents: service.priceCents,
        currency: service.currency,
        mode: service.mode,
        resourceIds: resourcesNeededIn(mode, service),
      }));
      const needed = new Set(services.flatMap((service) => service.resourceIds));
      const resources = new Map<string, { name: string; quantity: number }>();
      if (needed.size > 0) {
        for (const resource of await resourceRepository.findResourcesByIds(tx, practiceId, [...needed])) {
          if (resource.active) resources.set(resource.id, { name: resource.name, quantity: resource.quantity });
        }
      }
      return {
        clinic: { id: clinic.id, name: clinic.name, timezone: clinic.timezone },
        provider: { id: provider.id, displayName: provider.displayName, virtualRoomUrl: provider.virtualRoomUrl },
        packageId: sequence.packageId,
        services,
        resources,
      };
    },

    async loadClinicAndProvider(tx, practiceId, clinicId, providerId) {
      const clinic = await loadActiveClinic(tx, practiceId, clinicId);
      const provider = await loadProviderAtClinic(tx, practiceId, providerId, clinic);
      return {
        clinic: { id: clinic.id, name: clinic.name, timezone: clinic.timezone },
        provider: { id: provider.id, displayName: provider.displayName, virtualRoomUrl: provider.virtualRoomUrl },
      };
    },

    async isProviderWorking(tx, practiceId, { providerId, clinicId, start, end }) {
      const clinic = await clinicRepository.findClinic(tx, practiceId, clinicId);
      if (!clinic) return false;
      const fromDate = addDays(localDateAt(start, clinic.timezone), -LOCAL_DATE_MARGIN_DAYS);
      const toDate = addDays(localDateAt(end, clinic.timezone), LOCAL_DATE_MARGIN_DAYS);
      const rules = await scheduleRepository.listProviderRules(tx, practiceId, providerId, { clinicId, fromDate, toDate });
      const overrides = await scheduleRepository.listProviderOverrides(tx, practiceId, providerId, { clinicId, fromDate, toDate });
      const [schedule] = buildProviderSchedules([providerId], rules, overrides);
      if (!schedule) return false;
      const intervals = callingEngine(() => expandWorkingIntervals(schedule, clinic.timezone, start.getTime(), end.getTime()));
      // Touching or overlapping intervals count as one stretch of work (a shift past midnight is two rules).
      let coveredUntil = start.getTime();
      for (const interval of intervals) {
        if (interval.start > coveredUntil) break;
        coveredUntil = Math.max(coveredUntil, interval.end);
        if (coveredUntil >= end.getTime()) return true;
      }
      return coveredUntil >= end.getTime();
    },

    async findClinics(tx, practiceId, clinicIds) {
      const clinics = await clinicRepository.findClinicsByIds(tx, practiceId, clinicIds);
      return new Map<string, ClinicSummary>(clinics.map((clinic) => [clinic.id, clinic]));
    },

    async findProviderNames(tx, practiceId, providerIds) {
      const providers = await providerRepository.findProviderSummariesByIds(tx, practiceId, providerIds);
      return new Map(providers.map((provider) => [provider.id, provider.displayName]));
    },
  };
}
