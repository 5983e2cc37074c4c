import { findOpenSlots, findUnoccupiedProviders, type AvailabilityQuery, type OpenSlot, type ServiceSegment } from '@glowdesk/scheduling';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Transaction } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as availabilityRepository from './availability-repository.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { ClinicRecord } from './clinic-repository.ts';
import { addDays, LOCAL_DATE_MARGIN_DAYS, localDateAt } from './clinic-time.ts';
import type { PracticeDependencies } from './practice-dependencies.ts';
import { buildProviderSchedules } from './provider-schedules.ts';
import * as providerRepository from './provider-repository.ts';
import type { ProviderSummary } from './provider-repository.ts';
import * as resourceRepository from './resource-repository.ts';
import * as scheduleRepository from './schedule-repository.ts';
import { callingEngine } from './scheduling-errors.ts';
import { loadServiceSequence, resolveVisitMode, resourcesNeededIn, type ServiceSelection, type VisitMode } from './service-sequence.ts';

export type AvailabilitySearch = ServiceSelection & {
  clinicId: string;
  mode?: VisitMode | undefined;
  providerId?: string | undefined;
  from: Date;
  to: Date;
};

export type UnoccupiedProvidersSearch = ServiceSelection & { clinicId: string; mode?: VisitMode | undefined; start: Date };

export interface AvailabilityResult {
  clinic: ClinicRecord;
  serviceIds: string[];
  mode: VisitMode;
  /** Instants as epoch milliseconds, as the engine returns them. */
  slots: OpenSlot[];
}

const MILLISECONDS_PER_MINUTE = 60_000;

/** Everything one search needs, read in one transaction with one query per kind. */
interface SearchInputs {
  clinic: ClinicRecord;
  serviceIds: string[];
  mode: VisitMode;
  query: Omit<AvailabilityQuery, 'range'>;
  visitMinutes: number;
  /** Active providers at the clinic, in appointment-book order. */
  providersHere: ProviderSummary[];
}

export function createAvailabilityService({ database, clock, busyTimeSource }: PracticeDependencies) {
  async function loadClinic(tx: Transaction, practiceId: string, clinicId: string): Promise<ClinicRecord> {
    const clinic = await clinicRepository.findClinic(tx, practiceId, clinicId);
    if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
    if (!clinic.active) throw new ValidationError(`${clinic.name} is deactivated.`, { field: 'clinicId', code: 'inactive' });
    return clinic;
  }

  async function loadSearchInputs(
    tx: Transaction,
    practiceId: string,
    search: ServiceSelection & { clinicId: string; providerId?: string | undefined; mode?: VisitMode | undefined },
    window: (visitMinutes: number, buffers: { beforeMinutes: number; afterMinutes: number }) => { from: number; to: number },
  ): Promise<SearchInputs> {
    const clinic = await loadClinic(tx, practiceId, search.clinicId);
    const sequence = await loadServiceSequence(tx, practiceId, clinic, search);
    const mode = resolveVisitMode(sequence, search.mode);
    const serviceIds = sequence.services.map((service) => service.id);
    const segments: ServiceSegment[] = sequence.services.map((service) => ({
      serviceId: service.id,
      durationMinutes: service.durationMinutes,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      resourceIds: resourcesNeededIn(mode, service),
      eligibleProviderIds: service.providerIds,
    }));

    const providersHere = await availabilityRepository.listActiveProvidersAtClinic(tx, practiceId, clinic.id);
    if (search.providerId !== undefined && !providersHere.some((provider) => provider.id === search.providerId)) {
      const [provider] = await providerRepository.findProviderSummariesByIds(tx, practiceId, [search.providerId]);
      if (!provider) throw new NotFoundError('Provider', 'providerId');
      throw new ValidationError(`${provider.displayName} ${provider.active ? `does not work at ${clinic.name}` : 'is deactivated'}.`, {
        field: 'providerId',
        code: 'provider_not_bookable_here',
      });
    }
    const candidateIds = providersHere
      .map((provider) => provider.id)
      .filter(
        (providerId) =>
          (search.providerId === undefined || providerId === search.providerId) &&
          segments.every((segment) => segment.eligibleProviderIds.includes(providerId)),
      );

    const visitMinutes = segments.reduce((total, segment) => total + segment.durationMinutes, 0);
    const range = window(visitMinutes, {
      beforeMinutes: Math.max(...segments.map((segment) => segment.bufferBeforeMinutes)),
      afterMinutes: Math.max(...segments.map((segment) => segment.bufferAfterMinutes)),
    });
    const fromDate = addDays(localDateAt(range.from, clinic.timezone), -LOCAL_DATE_MARGIN_DAYS);
    const toDate = addDays(localDateAt(range.to, clinic.timezone), LOCAL_DATE_MARGIN_DAYS);
    const resources = await resourceRepository.listResources(tx, practiceId, { clinicId: clinic.id });
    const rules = await scheduleRepository.listClinicRules(tx, practiceId, clinic.id, fromDate, toDate);
    const overrides = await scheduleRepository.listClinicOverrides(tx, practiceId, clinic.id, fromDate, toDate);
    const neededResourceIds = [...new Set(segments.flatMap((segment) => segment.resourceIds))];
    const busy =
      candidateIds.length === 0
        ? { providerBusy: [], resourceBusy: [] }
        : await busyTimeSource.findBusyTimes(tx, {
            practiceId,
            clinicId: clinic.id,
            providerIds: candidateIds,
            resourceIds: neededResourceIds,
            from: range.from,
            to: range.to,
          });

    return {
      clinic,
      serviceIds,
      mode,
      visitMinutes,
      providersHere,
      query: {
        zone: clinic.timezone,
        now: clock.now().getTime(),
        services: segments,
        providers: buildProviderSchedules(candidateIds, rules, overrides),
        providerBusy: busy.providerBusy,
        // A deactivated room or device takes no bookings: zero units.
        resources: resources.map((resource) => ({ resourceId: resource.id, quantity: resource.active ? resource.quantity : 0 })),
        resourceBusy: busy.resourceBusy,
        minimumNoticeMinutes: clinic.minimumNoticeMinutes,
        bookingHorizonDays: clinic.bookingHorizonDays,
        slotStepMinutes: clinic.slotStepMinutes,
        ...(search.providerId === undefined ? {} : { providerId: search.providerId }),
      },
    };
  }

  return {
    /**
     * Open start times for the selection at a clinic within [from, to): the whole visit lies
     * in the range, starts sit on the clinic's slot step, after its minimum notice and
     * within its booking horizon.
     */
    async searchOpenSlots(actor: Pick<StaffActor, 'practiceId'>, search: AvailabilitySearch): Promise<AvailabilityResult> {
      const from = search.from.getTime();
      const to = search.to.getTime();
      const inputs = await inPractice(database, actor.practiceId, (tx) =>
        loadSearchInputs(tx, actor.practiceId, search, (_visitMinutes, buffers) => ({
          from: from - buffers.beforeMinutes * MILLISECONDS_PER_MINUTE,
          to: to + buffers.afterMinutes * MILLISECONDS_PER_MINUTE,
        })),
      );
      const slots = callingEngine(() => findOpenSlots({ ...inputs.query, range: { from, to } }));
      return { clinic: inputs.clinic, serviceIds: inputs.serviceIds, mode: inputs.mode, slots };
    },

    /** Providers who could take the selection starting at `start` (working, eligible and not busy then). */
    async findUnoccupiedProviders(
      actor: Pick<StaffActor, 'practiceId'>,
      search: UnoccupiedProvidersSearch,
    ): Promise<{ start: Date; end: Date; providers: ProviderSummary[] }> {
      const start = search.start.getTime();
      const inputs = await inPractice(database, actor.practiceId, (tx) =>
        loadSearchInputs(tx, actor.practiceId, search, (visitMinutes, buffers) => ({
          from: start - buffers.beforeMinutes * MILLISECONDS_PER_MINUTE,
          to: start + (visitMinutes + buffers.afterMinutes) * MILLISECONDS_PER_MINUTE,
        })),
      );
      const end = start + inputs.visitMinutes * MILLISECONDS_PER_MINUTE;
      const providerIds = new Set(
        callingEngine(() => findUnoccupiedProviders({ ...inputs.query, range: { from: start, to: end } }, start)),
      );
      return {
        start: search.start,
        end: new Date(end),
        providers: inputs.providersHere.filter((provider) => providerIds.has(provider.id)),
      };
    },
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
