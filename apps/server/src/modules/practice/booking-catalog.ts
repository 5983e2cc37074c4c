import { worksThroughout, type ProviderSchedule } from '@glowdesk/scheduling';
import { runRead, type Read, type Transaction } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { BookingCatalog, ClinicSummary, ServiceChoice, VisitCatalog } from '../appointments/index.ts';
import type { ServiceFeeCatalog } from '../sales/index.ts';
import * as bookingCatalogRepository from './booking-catalog-repository.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { ClinicRecord } from './clinic-repository.ts';
import { addDays, LOCAL_DATE_MARGIN_DAYS, localDateAt } from './clinic-time.ts';
import { buildProviderSchedules } from './provider-schedules.ts';
import * as providerRepository from './provider-repository.ts';
import type { ProviderRecord } from './provider-repository.ts';
import * as scheduleRepository from './schedule-repository.ts';
import { callingEngine } from './scheduling-errors.ts';
import { resolveVisitMode, resourcesNeededIn, sequenceServices, serviceIdsOfSelection } from './service-sequence.ts';

const DAY_MS = 86_400_000;

/**
 * The schedule is read with the rest of the catalog for a span around the booking's start
 * wide enough for any visit: a visit with its buffers lasts under 6 days (at most ten
 * services of at most 12 hours, buffers of at most 4 hours); 9 leaves room. A span outside
 * it is checked with a second read. The dates are found without time-zone arithmetic: a
 * local date is at most a day from the UTC date (zones sit within 14 hours of UTC), and the
 * engine looks LOCAL_DATE_MARGIN_DAYS either side.
 */
const MAX_SPAN_BEFORE_START_MS = DAY_MS;
const MAX_SPAN_AFTER_START_MS = 9 * DAY_MS;
const SCHEDULE_DAYS_BEFORE_START = 1 + 1 + LOCAL_DATE_MARGIN_DAYS;
const SCHEDULE_DAYS_AFTER_START = 9 + 1 + LOCAL_DATE_MARGIN_DAYS;

function utcDateOf(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().slice(0, 10);
}

function assertActiveClinic(clinic: Pick<ClinicRecord, 'name' | 'active'> | null | undefined): asserts clinic {
  if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
  if (!clinic.active) throw new ValidationError(`${clinic.name} is deactivated.`, { field: 'clinicId', code: 'inactive' });
}

function assertProviderAtClinic(
  provider: { displayName: string; active: boolean; worksAtClinic: boolean } | null | undefined,
  clinic: { name: string },
): asserts provider {
  if (!provider) throw new NotFoundError('Provider', 'providerId');
  if (!provider.active) throw new ValidationError(`${provider.displayName} is deactivated.`, { field: 'providerId', code: 'inactive' });
  if (!provider.worksAtClinic) {
    throw new ValidationError(`${provider.displayName} does not work at ${clinic.name}.`, {
      field: 'providerId',
      code: 'provider_not_at_clinic',
    });
  }
}

async function loadActiveClinic(tx: Transaction, practiceId: string, clinicId: string): Promise<ClinicRecord> {
  const clinic = await clinicRepository.findClinic(tx, practiceId, clinicId);
  assertActiveClinic(clinic);
  return clinic;
}

async function loadProviderAtClinic(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  clinic: ClinicRecord,
): Promise<ProviderRecord> {
  const provider = await providerRepository.findProvider(tx, practiceId, providerId);
  assertProviderAtClinic(provider && { ...provider, worksAtClinic: provider.clinicIds.includes(clinic.id) }, clinic);
  return provider;
}

/** True when the schedule's working intervals cover [start, end) entirely. */
function coversWorkingTime(schedule: ProviderSchedule | undefined, timezone: string, start: Date, end: Date): boolean {
  if (!schedule) return false;
  return callingEngine(() => worksThroughout(schedule, timezone, start.getTime(), end.getTime()));
}

/** Checks the booking against the setup read for it (errors name the request field) and shapes the catalog. */
function visitCatalogOf(
  setup: bookingCatalogRepository.BookingSetup,
  request: { choice: ServiceChoice; mode: 'in_person' | 'virtual'; start: Date },
): VisitCatalog {
  const requestedStart = request.start.getTime();
  const { clinic, provider } = setup;
  assertActiveClinic(clinic);
  assertProviderAtClinic(provider, clinic);
  const ids = serviceIdsOfSelection(request.choice, setup.package ?? undefined);
  const sequence = sequenceServices(request.choice, ids, setup.services, clinic);
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
  for (const resource of setup.resources) {
    if (resource.active && needed.has(resource.id)) resources.set(resource.id, { name: resource.name, quantity: resource.quantity });
  }
  const [schedule] = buildProviderSchedules([provider.id], setup.rules, setup.overrides);
  return {
    clinic: { id: clinic.id, name: clinic.name, timezone: clinic.timezone, bookingHorizonDays: clinic.bookingHorizonDays },
    provider: { id: provider.id, displayName: provider.displayName, virtualRoomUrl: provider.virtualRoomUrl },
    packageId: sequence.packageId,
    services,
    resources,
    workingHours: {
      covers(start, end) {
        if (start.getTime() < requestedStart - MAX_SPAN_BEFORE_START_MS || end.getTime() > requestedStart + MAX_SPAN_AFTER_START_MS) {
          return undefined;
        }
        return coversWorkingTime(schedule, clinic.timezone, start, end);
      },
    },
  };
}

/**
 * What booking reads from practice setup, inside the booking's own transaction: the
 * practice module's side of the appointments module's BookingCatalog port. Services are
 * resolved by the same rules availability uses (service-sequence.ts).
 */
export function createBookingCatalog(): BookingCatalog {
  return {
    visitCatalogRead(practiceId, request): Read<VisitCatalog> {
      const requestedStart = request.start.getTime();
      const fromDate = utcDateOf(requestedStart - SCHEDULE_DAYS_BEFORE_START * DAY_MS);
      const toDate = utcDateOf(requestedStart + SCHEDULE_DAYS_AFTER_START * DAY_MS);
      const setupRead = bookingCatalogRepository.bookingSetupRead(practiceId, {
        clinicId: request.clinicId,
        providerId: request.providerId,
        packageId: request.choice.packageId ?? null,
        serviceIds: request.choice.serviceIds ?? [],
        fromDate,
        toDate,
      });
      return { ...setupRead, decode: (rows) => visitCatalogOf(setupRead.decode(rows), request) };
    },

    async loadVisitCatalog(tx, practiceId, request): Promise<VisitCatalog> {
      return runRead(tx, this.visitCatalogRead(practiceId, request));
    },

    async loadClinicAndProvider(tx, practiceId, clinicId, providerId) {
      const clinic = await loadActiveClinic(tx, practiceId, clinicId);
      const provider = await loadProviderAtClinic(tx, practiceId, providerId, clinic);
      return {
        clinic: { id: clinic.id, name: clinic.name, timezone: clinic.timezone, bookingHorizonDays: clinic.bookingHorizonDays },
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
      return coversWorkingTime(schedule, clinic.timezone, start, end);
    },

    async findClinics(tx, practiceId, clinicIds) {
      const clinics = await bookingCatalogRepository.findClinicSummaries(tx, practiceId, clinicIds);
      return new Map<string, ClinicSummary>(clinics.map((clinic) => [clinic.id, clinic]));
    },

    async findProviderNames(tx, practiceId, providerIds) {
      const providers = await providerRepository.findProviderSummariesByIds(tx, practiceId, providerIds);
      return new Map(providers.map((provider) => [provider.id, provider.displayName]));
    },
  };
}

/** The services' cancellation and no-show fees, as sales reads them (its ServiceFeeCatalog port). */
export function createServiceFeeCatalog(): ServiceFeeCatalog {
  return {
    serviceFeesRead(practiceId, serviceIds) {
      return bookingCatalogRepository.serviceFeesRead(
        practiceId,
        serviceIds,
        (rows) =>
          new Map(
            rows.map(({ id, currency, cancellationFeeCents, noShowFeeCents }) => [id, { currency, cancellationFeeCents, noShowFeeCents }]),
          ),
      );
    },
  };
}
