import { Temporal } from 'temporal-polyfill';
import type { GlowdeskApp } from '../app.ts';
import type { StaffActor } from '../platform/auth/access.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { createCoreServices } from '../core-services.ts';
import type { AppointmentsService } from '../modules/appointments/index.ts';

/**
 * ~300 patients and two weeks of appointments around today: past days completed (with a
 * few no-shows and cancellations), today partly checked in, the coming week booked or
 * confirmed, with a package visit of each package and a double booking coming up. Booked
 * through the appointments use cases, so every rule holds; times that collide or fall
 * outside someone's hours are simply skipped.
 */

const systemMeta = { ip: '127.0.0.1', requestId: 'seed-demo', userAgent: 'glowdesk seed-demo' };
const PATIENT_COUNT = 300;
const DAYS_AROUND_TODAY = 7;
/** Visits start this far apart within a provider's hours (a 90-minute rhythm with gaps). */
const VISIT_SPACING_MS = 90 * 60_000;

const firstNames = [
  'Olivia',
  'Emma',
  'Ava',
  'Sophia',
  'Isabella',
  'Mia',
  'Amelia',
  'Harper',
  'Evelyn',
  'Abigail',
  'Emily',
  'Ella',
  'Elizabeth',
  'Camila',
  'Luna',
  'Sofia',
  'Avery',
  'Mila',
  'Aria',
  'Scarlett',
  'Penelope',
  'Layla',
  'Chloe',
  'Victoria',
  'Madison',
  'Eleanor',
  'Grace',
  'Nora',
  'Riley',
  'Zoey',
  'Hannah',
  'Hazel',
  'Lily',
  'Ellie',
  'Violet',
  'Lillian',
  'Zoe',
  'Stella',
  'Aurora',
  'Natalie',
  'Liam',
  'Noah',
  'James',
  'Lucas',
  'Mateo',
  'Daniel',
  'Ethan',
  'Jackson',
  'Sebastian',
  'Aiden',
  'Priya',
  'Aisha',
  'Mei',
  'Yuki',
  'Fatima',
  'Ingrid',
  'Chiara',
  'Leilani',
  'Nadia',
  'Renata',
];
const lastNames = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Kim',
  'Patel',
  'Chen',
  'Okafor',
  'Rossi',
  'Novak',
  'Haddad',
  'Silva',
];

/** Deterministic pseudo-random numbers, so every fresh demo looks the same. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export async function seedDemoAppointments(app: GlowdeskApp, owner: StaffActor): Promise<void> {
  const random = createRandom(20_260_301);
  const { patients, practice } = app.services;

  const patientIds: string[] = [];
  for (let index = 0; index < PATIENT_COUNT; index++) {
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    const year = 1960 + Math.floor(random() * 45);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const { patient } = await patients.createPatient(
      owner,
      {
        firstName,
        lastName,
        email: `${firstName}.${lastName}${index}@example.com`.toLowerCase(),
        phone: `+1${pick(random, ['212', '646', '917', '310', '424', '213'])}555${String(1000 + index).slice(-4)}`,
        dateOfBirth: `${year}-${month}-${day}`,
        gender: random() < 0.85 ? 'female' : 'male',
        marketingConsent: random() < 0.6,
        preferredChannel: random() < 0.5 ? 'sms' : 'email',
      },
      systemMeta,
    );
    patientIds.push(patient.id);
  }

  const clinics = await practice.clinics.list(owner, { active: true });
  const providers = await practice.providers.list(owner, { active: true });
  const allServices = await practice.catalog.listServices(owner, { active: true });
  const services = allServices.filter((service) => service.mode !== 'virtual');
  const virtualServiceIds = new Set(allServices.filter((service) => service.mode === 'virtual').map((service) => service.id));
  const now = new Date();

  // Booking past days needs "today" to be that day: a service whose clock is set per day.
  let bookingDay = now;
  const dayClock: Clock = { now: () => bookingDay };
  const booking = createCoreServices(app.config, app.database, dayClock, { paymentGateway: app.services.paymentGateway }).appointments;

  await seedOutOfOfficeBlocks(app, owner, booking, now);
  // Before the single visits, so each package finds a free stretch.
  await seedPackageVisits(app, owner, booking, now, patientIds);

  const booked: { id: string; start: Date; clinicId: string; providerId: string }[] = [];
  const windowFrom = new Date(now.getTime() - (DAYS_AROUND_TODAY + 1) * 86_400_000);
  const windowTo = new Date(now.getTime() + (DAYS_AROUND_TODAY + 1) * 86_400_000);
  for (const clinic of clinics) {
    for (const provider of providers.filter((candidate) => candidate.clinicIds.includes(clinic.id))) {
      const menu = services.filter((service) => service.clinicIds.includes(clinic.id) && provider.serviceIds.includes(service.id));
      if (menu.length === 0) continue;
      // Only inside the provider's real hours at this clinic, so nearly every attempt books.
      const intervals = await practice.schedules.listWorkingIntervals(owner, provider.id, {
        from: windowFrom,
        to: windowTo,
        clinicId: clinic.id,
      });
      const virtualMenu = provider.virtualRoomUrl
        ? allServices.filter((service) => virtualServiceIds.has(service.id) && provider.serviceIds.includes(service.id))
        : [];
      for (const interval of intervals) {
        for (let slot = interval.start.getTime(); slot + VISIT_SPACING_MS <= interval.end.getTime(); slot += VISIT_SPACING_MS) {
          if (random() < 0.3) continue;
          const start = new Date(slot);
          const startDate = Temporal.Instant.fromEpochMilliseconds(slot).toZonedDateTimeISO(clinic.timezone).toPlainDate();
          bookingDay = new Date(startDate.toZonedDateTime({ timeZone: clinic.timezone, plainTime: '00:00' }).epochMilliseconds);
          // About one visit in twelve is a video consultation, with the provider's room link.
          const virtual = virtualMenu.length > 0 && random() < 0.08;
          try {
            const { appointment } = await booking.createAppointment(
              owner,
              {
                kind: 'appointment',
                mode: virtual ? 'virtual' : 'in_person',
                clinicId: clinic.id,
                providerId: provider.id,
                serviceIds: [pick(random, virtual ? virtualMenu : menu).id],
                start: start.toISOString(),
                patientId: pick(random, patientIds),
                allowDoubleBooking: false,
                requireCardOnFile: false,
                ...(random() < 0.15
                  ? {
                      notes: pick(random, [
                        'Prefers numbing cream.',
                        'First visit — allow time for consent forms.',
                        'Follow-up in 2 weeks.',
                        'Sensitive skin.',
                      ]),
                    }
                  : {}),
              },
              undefined,
              systemMeta,
            );
            booked.push({ id: appointment.id, start: appointment.startsAt, clinicId: clinic.id, providerId: provider.id });
          } catch (error) {
            // A long service past the end of the shift, or its device is taken: skip the time.
            if (!(error instanceof AppError)) throw error;
          }
        }
      }
    }
  }

  bookingDay = now;
  await seedDoubleBooking(owner, booking, now, booked, patientIds, (providerId) =>
    services.filter((service) => providers.find((provider) => provider.id === providerId)?.serviceIds.includes(service.id)),
  );

  // Move the past along: completed visits with a few no-shows and cancellations; today's
  // earlier visits checked in; some of the coming ones confirmed.
  const { appointments } = app.services;
  for (const { id, start } of booked) {
    const roll = random();
    if (start < now) {
      if (roll < 0.08) await appointments.markNoShow(owner, id, { chargeFee: false }, systemMeta);
      else if (roll < 0.13) await appointments.cancel(owner, id, { reason: 'Patient rescheduled by phone.', chargeFee: false }, systemMeta);
      else {
        await appointments.transition(owner, id, 'checkIn', systemMeta);
        if (now.getTime() - start.getTime() > 2 * 3_600_000) await appointments.transition(owner, id, 'complete', systemMeta);
      }
    } else if (roll < 0.4) {
      await appointments.transition(owner, id, 'confirm', systemMeta);
    }
  }
}

type BookingService = AppointmentsService;

/** Wall-clock time of a local date in a zone, as an instant. */
function localInstant(date: Temporal.PlainDate, time: string, timeZone: string): Date {
  return new Date(date.toZonedDateTime({ timeZone, plainTime: time }).epochMilliseconds);
}

/**
 * Out-of-office blocks from today on, so the book shows them to a newcomer: the first provider
 * of each clinic takes lunch on working days, and the second is away at training one afternoon.
 * Placed before the visits are booked, so no visit sits under a block.
 */
async function seedOutOfOfficeBlocks(app: GlowdeskApp, owner: StaffActor, booking: BookingService, now: Date): Promise<void> {
  const { practice } = app.services;
  const clinics = await practice.clinics.list(owner, { active: true });
  const providers = await practice.providers.list(owner, { active: true });
  const to = new Date(now.getTime() + (DAYS_AROUND_TODAY + 1) * 86_400_000);
  for (const clinic of clinics) {
    const staffed = providers.filter((provider) => provider.clinicIds.includes(clinic.id)).slice(0, 2);
    for (const [index, provider] of staffed.entries()) {
      const intervals = await practice.schedules.listWorkingIntervals(owner, provider.id, { from: now, to, clinicId: clinic.id });
      const days = [
        ...new Set(
          intervals.map((interval) =>
            Temporal.Instant.fromEpochMilliseconds(interval.start.getTime()).toZonedDateTimeISO(clinic.timezone).toPlainDate().toString(),
          ),
        ),
      ].map((day) => Temporal.PlainDate.from(day));
      const blocks =
        index === 0
          ? days.map((day) => ({
              title: 'Lunch',
              start: localInstant(day, '12:30', clinic.timezone),
              end: localInstant(day, '13:15', clinic.timezone),
            }))
          : days.slice(2, 3).map((day) => ({
              title: 'Training: advanced filler course',
              start: localInstant(day, '14:00', clinic.timezone),
              end: localInstant(day, '17:00', clinic.timezone),
            }));
      for (const block of blocks) {
        if (block.start < now) continue;
        try {
          await booking.createAppointment(
            owner,
            {
              kind: 'out_of_office',
              clinicId: clinic.id,
              providerId: provider.id,
              title: block.title,
              start: block.start.toISOString(),
              end: block.end.toISOString(),
              allowDoubleBooking: false,
              requireCardOnFile: false,
            },
            undefined,
            systemMeta,
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
    }
  }
}

/** Quarter-hour starts inside the working intervals, after `now`, with room for a visit of `lengthMs`. */
function startsWithin(intervals: { start: Date; end: Date }[], now: Date, lengthMs: number): Date[] {
  const starts: Date[] = [];
  for (const interval of intervals) {
    for (let slot = interval.start.getTime(); slot + lengthMs <= interval.end.getTime(); slot += 15 * 60_000) {
      if (slot > now.getTime()) starts.push(new Date(slot));
    }
  }
  return starts;
}

/**
 * One visit of each package, at the first time from now on when a provider who performs all
 * its services is free for the whole of it (and its rooms and devices are too).
 */
async function seedPackageVisits(
  app: GlowdeskApp,
  owner: StaffActor,
  booking: BookingService,
  now: Date,
  patientIds: readonly string[],
): Promise<void> {
  const { practice } = app.services;
  const clinics = await practice.clinics.list(owner, { active: true });
  const providers = await practice.providers.list(owner, { active: true });
  const services = await practice.catalog.listServices(owner, { active: true });
  const packages = await practice.catalog.listPackages(owner, { active: true });
  const to = new Date(now.getTime() + (DAYS_AROUND_TODAY + 1) * 86_400_000);
  for (const [index, bundle] of packages.entries()) {
    const lengthMs =
      services.filter((service) => bundle.serviceIds.includes(service.id)).reduce((sum, service) => sum + service.durationMinutes, 0) *
      60_000;
    let placed = false;
    for (const clinic of clinics) {
      for (const provider of providers.filter(
        (candidate) => candidate.clinicIds.includes(clinic.id) && bundle.serviceIds.every((id) => candidate.serviceIds.includes(id)),
      )) {
        const intervals = await practice.schedules.listWorkingIntervals(owner, provider.id, { from: now, to, clinicId: clinic.id });
        // The second package a day later than the first, so the two are not side by side.
        for (const start of startsWithin(intervals, new Date(now.getTime() + index * 86_400_000), lengthMs).slice(0, 40)) {
          try {
            await booking.createAppointment(
              owner,
              {
                kind: 'appointment',
                mode: 'in_person',
                clinicId: clinic.id,
                providerId: provider.id,
                packageId: bundle.id,
                start: start.toISOString(),
                patientId: patientIds[index * 7] ?? '',
                allowDoubleBooking: false,
                requireCardOnFile: false,
              },
              undefined,
              systemMeta,
            );
            placed = true;
            break;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
          }
        }
        if (placed) break;
      }
      if (placed) break;
    }
  }
}

/**
 * A double booking coming up: a second client booked on top of a provider's visit with
 * "Allow double booking" (rooms and devices are still never double booked, so a service whose
 * room is free then is chosen). The book shows the two side by side.
 */
async function seedDoubleBooking(
  owner: StaffActor,
  booking: BookingService,
  now: Date,
  booked: readonly { id: string; start: Date; clinicId: string; providerId: string }[],
  patientIds: readonly string[],
  menuOf: (providerId: string) => { id: string }[],
): Promise<void> {
  // The soonest visits first, so a newcomer meets the double booking in the coming days.
  const upcoming = booked
    .filter((visit) => visit.start.getTime() > now.getTime() + 3_600_000)
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .slice(0, 10);
  for (const visit of upcoming) {
    for (const service of menuOf(visit.providerId)) {
      try {
        await booking.createAppointment(
          owner,
          {
            kind: 'appointment',
            mode: 'in_person',
            clinicId: visit.clinicId,
            providerId: visit.providerId,
            serviceIds: [service.id],
            start: visit.start.toISOString(),
            patientId: patientIds.at(-1) ?? '',
            allowDoubleBooking: true,
            requireCardOnFile: false,
            notes: 'Squeezed in: double booked with the visit beside it.',
          },
          undefined,
          systemMeta,
        );
        return;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
}
