import type { ServiceMode } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { prepareStatement, readOf, type Read, type Transaction } from '../../platform/database.ts';
import type { StoredWallClockInterval } from './practice-tables.ts';
import type { ScheduleOverrideRecord, ScheduleRuleRecord } from './schedule-repository.ts';

/**
 * The booking catalog's reads: everything a booking needs from practice setup in one
 * statement, because a booking runs inside a transaction that holds a connection and every
 * round trip lengthens it. Plain SQL building JSON per part; each part mirrors the
 * repository read it replaces (clinic-, provider-, package-, availability- and
 * schedule-repository), so the rules applied to it stay those of the practice module.
 */

export interface BookingSetupService {
  id: string;
  name: string;
  active: boolean;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  mode: ServiceMode;
  offeredAtClinic: boolean;
  /** Resources it needs at this clinic. */
  resourceIds: string[];
}

export interface BookingSetup {
  clinic: { id: string; name: string; timezone: string; bookingHorizonDays: number; active: boolean } | null;
  provider: {
    id: string;
    displayName: string;
    virtualRoomUrl: string | null;
    active: boolean;
    worksAtClinic: boolean;
    /** Those of the requested services the provider performs. */
    serviceIds: string[];
  } | null;
  /** The requested package, when the request names one that exists. */
  package: { name: string; active: boolean; serviceIds: string[] } | null;
  /** The requested services (or the package's) that exist, in no particular order. */
  services: BookingSetupService[];
  /** Rooms and devices the requested services use at the clinic. */
  resources: { id: string; name: string; quantity: number; active: boolean }[];
  /** The provider's weekly rules at the clinic in force at some point of [fromDate, toDate]. */
  rules: ScheduleRuleRecord[];
  /** The provider's overrides at the clinic on [fromDate, toDate]. */
  overrides: ScheduleOverrideRecord[];
}

interface OverrideJson {
  id: string;
  localDate: string;
  intervals: StoredWallClockInterval[];
  note: string | null;
  createdAt: string;
}

interface BookingSetupValues {
  practiceId: string;
  clinicId: string;
  providerId: string;
  packageId: string | null;
  serviceIds: string[];
  fromDate: string;
  toDate: string;
}

const bookingSetupStatement = prepareStatement<
  {
    clinic: BookingSetup['clinic'];
    provider: BookingSetup['provider'];
    package: BookingSetup['package'];
    services: BookingSetupService[];
    resources: BookingSetup['resources'];
    rules: Omit<ScheduleRuleRecord, 'providerId' | 'clinicId'>[];
    overrides: OverrideJson[];
  },
  BookingSetupValues
>(
  'practice.booking_setup',
  (value) => sql`
    with selected_package as (
      select p.name, p.active,
        array(select i.service_id from service_package_items i
              where i.practice_id = p.practice_id and i.package_id = p.id order by i.position) as service_ids
      from service_packages p
      where p.practice_id = ${value('practiceId')}::uuid and p.id = ${value('packageId')}::uuid
    ), wanted as (
      select distinct w.id
      from unnest(coalesce((select service_ids from selected_package), ${value('serviceIds')}::uuid[])) as w(id)
    )
    select
      (select json_build_object('id', c.id, 'name', c.name, 'timezone', c.timezone, 'bookingHorizonDays', c.booking_horizon_days,
                                'active', c.active)
         from clinics c where c.practice_id = ${value('practiceId')}::uuid and c.id = ${value('clinicId')}::uuid) as clinic,
      (select json_build_object(
           'id', v.id, 'displayName', v.display_name, 'virtualRoomUrl', v.virtual_room_url, 'active', v.active,
           'worksAtClinic', exists (select 1 from provider_clinics pc
                                    where pc.practice_id = v.practice_id and pc.provider_id = v.id and pc.clinic_id = ${value('clinicId')}::uuid),
           'serviceIds', array(select ps.service_id from provider_services ps
                               where ps.practice_id = v.practice_id and ps.provider_id = v.id and ps.service_id in (select id from wanted)))
         from providers v where v.practice_id = ${value('practiceId')}::uuid and v.id = ${value('providerId')}::uuid) as provider,
      (select json_build_object('name', sp.name, 'active', sp.active, 'serviceIds', sp.service_ids) from selected_package sp) as package,
      (select coalesce(json_agg(json_build_object(
           'id', s.id, 'name', s.name, 'active', s.active, 'durationMinutes', s.duration_minutes,
           'bufferBeforeMinutes', s.buffer_before_minutes, 'bufferAfterMinutes', s.buffer_after_minutes,
           'priceCents', s.price_cents, 'currency', s.currency, 'mode', s.mode,
           'offeredAtClinic', exists (select 1 from service_clinics sc
                                      where sc.practice_id = s.practice_id and sc.service_id = s.id and sc.clinic_id = ${value('clinicId')}::uuid),
           'resourceIds', array(select sr.resource_id from service_resources sr
                                where sr.practice_id = s.practice_id and sr.service_id = s.id and sr.clinic_id = ${value('clinicId')}::uuid
                                order by sr.resource_id))), '[]')
         from services s where s.practice_id = ${value('practiceId')}::uuid and s.id in (select id from wanted)) as services,
      (select coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'quantity', r.quantity, 'active', r.active)), '[]')
         from resources r
         where r.practice_id = ${value('practiceId')}::uuid
           and r.id in (select sr.resource_id from service_resources sr
                        where sr.practice_id = ${value('practiceId')}::uuid and sr.clinic_id = ${value('clinicId')}::uuid and sr.service_id in (select id from wanted))) as resources,
      (select coalesce(json_agg(json_build_object(
           'id', sr.id, 'weekday', sr.weekday, 'start', left(sr.start_time::text, 5), 'end', left(sr.end_time::text, 5),
           'effectiveFrom', sr.effective_from, 'effectiveTo', sr.effective_to)
           order by sr.effective_from, sr.weekday, sr.start_time), '[]')
         from schedule_rules sr
         where sr.practice_id = ${value('practiceId')}::uuid and sr.provider_id = ${value('providerId')}::uuid and sr.clinic_id = ${value('clinicId')}::uuid
           and sr.effective_from <= ${value('toDate')}::date
           and (sr.effective_to is null or sr.effective_to >= ${value('fromDate')}::date)) as rules,
      (select coalesce(json_agg(json_build_object(
           'id', so.id, 'localDate', so.local_date, 'intervals', so.intervals, 'note', so.note, 'createdAt', so.created_at)
           order by so.local_date), '[]')
         from schedule_overrides so
         where so.practice_id = ${value('practiceId')}::uuid and so.provider_id = ${value('providerId')}::uuid and so.clinic_id = ${value('clinicId')}::uuid
           and so.local_date between ${value('fromDate')}::date and ${value('toDate')}::date) as overrides
`,
);

/**
 * Clinic, provider, package, services with their fees and resources, and the provider's
 * schedule at the clinic for local dates [fromDate, toDate], in one statement. Missing rows
 * come back null or absent; the caller decides which error that is.
 */
export function bookingSetupRead(
  practiceId: string,
  request: {
    clinicId: string;
    providerId: string;
    packageId: string | null;
    serviceIds: readonly string[];
    fromDate: string;
    toDate: string;
  },
): Read<BookingSetup> {
  const { clinicId, providerId } = request;
  return readOf(bookingSetupStatement, { ...request, practiceId, serviceIds: [...request.serviceIds] }, ([row]) => {
    if (!row) throw new Error('the booking setup query returned no row');
    return {
      clinic: row.clinic,
      provider: row.provider,
      package: row.package,
      services: row.services,
      resources: row.resources,
      rules: row.rules.map((rule) => ({ ...rule, providerId, clinicId })),
      overrides: row.overrides.map((override) => ({ ...override, providerId, clinicId, createdAt: new Date(override.createdAt) })),
    };
  });
}

const clinicSummariesStatement = prepareStatement<
  { id: string; name: string; timezone: string },
  { practiceId: string; clinicIds: string[] }
>(
  'practice.clinic_summaries',
  (value) => sql`
    select c.id, c.name, c.timezone from clinics c
    where c.practice_id = ${value('practiceId')}::uuid and c.id = any(${value('clinicIds')}::uuid[])`,
);

/** Clinics' names and zones (inactive ones too), for showing appointments. */
export async function findClinicSummaries(
  tx: Transaction,
  practiceId: string,
  clinicIds: readonly string[],
): Promise<{ id: string; name: string; timezone: string }[]> {
  if (clinicIds.length === 0) return [];
  return clinicSummariesStatement(tx, { practiceId, clinicIds: [...clinicIds] });
}

export type ServiceFeeRow = {
  id: string;
  currency: string;
  cancellationFeeCents: number;
  noShowFeeCents: number;
};

const serviceFeesStatement = prepareStatement<ServiceFeeRow, { practiceId: string; serviceIds: string[] }>(
  'practice.service_fees',
  (value) => sql`
    select s.id, s.currency, s.cancellation_fee_cents as "cancellationFeeCents", s.no_show_fee_cents as "noShowFeeCents"
    from services s
    where s.practice_id = ${value('practiceId')}::uuid and s.id = any(${value('serviceIds')}::uuid[])`,
);

/** What services (inactive ones too) charge for a late cancellation or a no-show, as a read that can travel with BEGIN. */
export function serviceFeesRead<T>(practiceId: string, serviceIds: readonly string[], decode: (rows: ServiceFeeRow[]) => T): Read<T> {
  return readOf(serviceFeesStatement, { practiceId, serviceIds: [...new Set(serviceIds)] }, decode);
}
